/* A test library, loaded with LD_PRELOAD, that makes pthread_create fail with EAGAIN as a process
 * limit does: once ONETHING_TEST_THREADS_ALLOWED is set to N in the environment, the first N
 * threads asked for are made and every later one is refused. It lets a test take the path of a
 * thread that cannot be made without exhausting the process's memory, which would also starve the
 * threads that were made. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef int (*create_function)(pthread_t*, const pthread_attr_t*, void* (*)(void*), void*);

static atomic_long threads_asked;   /* pthread_create calls since the limit was set */
static atomic_long threads_refused; /* of those, the ones refused */

/** Threads refused so far, so that a test can tell that the fault happened. */
long onething_test_threads_refused(void) {
    return atomic_load(&threads_refused);
}

/** pthread_create, or EAGAIN once the allowed number of threads was made. */
int pthread_create(pthread_t* thread, const pthread_attr_t* attributes, void* (*start)(void*),
                   void* argument) {
    static _Atomic(create_function) real_create;
    create_function real = atomic_load(&real_create);
    if (real == NULL) {
        real = (create_function)dlsym(RTLD_NEXT, "pthread_create");
        atomic_store(&real_create, real);
    }
    const char* allowed = getenv("ONETHING_TEST_THREADS_ALLOWED");
    if (allowed != NULL && atomic_fetch_add(&threads_asked, 1) >= atol(allowed)) {
        atomic_fetch_add(&threads_refused, 1);
        return EAGAIN;
    }
    return real(thread, attributes, start, argument);
}
