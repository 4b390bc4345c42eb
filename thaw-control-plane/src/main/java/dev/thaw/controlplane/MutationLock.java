package dev.thaw.controlplane;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises every change to the metadata: an operation reads, validates and writes as one step, so RevisionId
 * checks and version numbering cannot race. Reads (and so invocations) never take it.
 */
final class MutationLock {

    private final ReentrantLock lock = new ReentrantLock();

    <T> T run(Supplier<T> mutation) {
        lock.lock();
        try {
            return mutation.get();
        } finally {
            lock.unlock();
        }
    }
}
