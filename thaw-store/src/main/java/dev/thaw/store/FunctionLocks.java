package dev.thaw.store;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps a function's garbage collection from running alongside its puts and fetches: puts and fetches only
 * add objects and share the lock, deletions take it alone, so a collection never deletes a chunk that a put is
 * about to reference or a fetch is reading. A master key rotation excludes everything. Functions map onto a
 * fixed set of stripes, so the lock table does not grow with the number of functions.
 */
final class FunctionLocks {
    private static final int STRIPES = 64;

    private final ReentrantReadWriteLock global = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock[] stripes = new ReentrantReadWriteLock[STRIPES];

    /** A held lock, released by close. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    FunctionLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantReadWriteLock();
        }
    }

    Held shared(String function) {
        return hold(global.readLock(), stripe(function).readLock());
    }

    Held exclusive(String function) {
        return hold(global.readLock(), stripe(function).writeLock());
    }

    Held everything() {
        Lock lock = global.writeLock();
        lock.lock();
        return lock::unlock;
    }

    private ReentrantReadWriteLock stripe(String function) {
        return stripes[Math.floorMod(function.hashCode(), STRIPES)];
    }

    private static Held hold(Lock outer, Lock inner) {
        outer.lock();
        inner.lock();
        return () -> {
            inner.unlock();
            outer.unlock();
        };
    }
}
