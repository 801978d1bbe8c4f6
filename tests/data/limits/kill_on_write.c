/* Preloaded into `onething ... --output FILE` by cli.output_killed: the first write(2) to a
 * file whose path contains "/limits_work/output_killed/" kills the process with SIGKILL, as
 * `kill -9` would mid-write. The test then checks that nothing was left behind. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

ssize_t write(int fd, const void* buffer, size_t size) {
    char link[64];
    char path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    const ssize_t length = readlink(link, path, sizeof path - 1);
    if (length > 0) {
        path[length] = '\0';
        if (strstr(path, "/limits_work/output_killed/") != NULL) {
            kill(getpid(), SIGKILL);
        }
    }
    ssize_t (*real_write)(int, const void*, size_t) =
        (ssize_t(*)(int, const void*, size_t))dlsym(RTLD_NEXT, "write");
    return real_write(fd, buffer, size);
}
