/* Plans the child-birth bundle through the C API and prints the plan JSON, then shows an error.
 * Usage: c_consumer <rules folder>, e.g. <prefix>/share/onething/rules. */
#include <stdio.h>

#include <onething/onething.h>

int main(int argc, char** argv) {
    const char* paths[1];
    char* error = NULL;
    onething_catalog* catalog;
    char* plan;
    if (argc != 2) {
        fprintf(stderr, "usage: c_consumer <rules folder>\n");
        return 2;
    }
    printf("onething %s\n", onething_version());

    /* Load once; the catalog may then be shared by any number of threads. */
    paths[0] = argv[1];
    catalog = onething_catalog_load(paths, 1, &error);
    if (catalog == NULL) {
        fprintf(stderr, "%s\n", error != NULL ? error : "out of memory");
        onething_free(error);
        return 1;
    }

    /* Facts in, plan out: both JSON. */
    plan = onething_plan_json(catalog, "child-birth",
                              "{\"mother.maternity_insured\": true, \"parents.hukou_local\": true}",
                              &error);
    if (plan == NULL) {
        fprintf(stderr, "%s\n", error != NULL ? error : "out of memory");
        onething_free(error);
        onething_catalog_free(catalog);
        return 1;
    }
    fputs(plan, stdout);
    onething_free(plan);

    /* Errors are JSON too: {"errors": [{"file", "line", "column", "severity", "code", "message"}]}.
     */
    plan = onething_plan_json(catalog, "no-such-bundle", NULL, &error);
    if (plan == NULL && error != NULL) {
        printf("expected error: %s\n", error);
    }
    onething_free(plan);
    onething_free(error);

    onething_catalog_free(catalog);
    return 0;
}
