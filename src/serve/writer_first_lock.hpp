// A reader-writer lock that lets a waiting writer in before new readers.
#pragma once

#include <pthread.h>

namespace onething::serve_detail {

/// glibc's writer-preferring reader-writer lock, usable with std::shared_lock and
/// std::unique_lock: once a writer waits, new readers wait behind it, so a stream of readers
/// never keeps it out (std::shared_mutex prefers readers). Not recursive.
class WriterFirstLock {
  public:
    /// An unlocked lock.
    WriterFirstLock() {
        pthread_rwlockattr_t attributes;
        pthread_rwlockattr_init(&attributes);
        pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
        pthread_rwlock_init(&lock_, &attributes);
        pthread_rwlockattr_destroy(&attributes);
    }
    ~WriterFirstLock() { pthread_rwlock_destroy(&lock_); }
    WriterFirstLock(const WriterFirstLock&) = delete;
    WriterFirstLock& operator=(const WriterFirstLock&) = delete;

    /// Takes the lock alone.
    void lock() { pthread_rwlock_wrlock(&lock_); }
    /// Gives back the lock taken alone.
    void unlock() { pthread_rwlock_unlock(&lock_); }
    /// Takes the lock beside other readers.
    void lock_shared() { pthread_rwlock_rdlock(&lock_); }
    /// Gives back a shared hold.
    void unlock_shared() { pthread_rwlock_unlock(&lock_); }

  private:
    pthread_rwlock_t lock_;
};

}  // namespace onething::serve_detail
