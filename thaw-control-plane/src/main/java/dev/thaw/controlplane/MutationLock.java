package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Serialises every change to the metadata: an operation reads, validates and writes as one step, so RevisionId
 * checks and version numbering cannot race. Reads (and so invocations) never take it. What a change leaves to clean
 * up outside the metadata (stopping environments, deleting snapshots from every tier, S3 with its back-off) is slow,
 * so it is {@linkplain #afterUnlock deferred}: it runs on the same thread once the lock is released, and a crash
 * in between leaves only what the reconciliation at the next start removes. Servers sharing a database also hold a
 * {@link ClusterLock} while they change it, so the rule holds across them.
 */
public final class MutationLock {

    /** The same rule across the servers that share a database. */
    public interface ClusterLock {
        void lock();

        void unlock();
    }

    /** Nothing to hold beyond the server's own lock: no other server changes the metadata. */
    static final ClusterLock ONE_SERVER = new ClusterLock() {
        @Override
        public void lock() {
        }

        @Override
        public void unlock() {
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(MutationLock.class);

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}; drained when the outermost {@link #run} releases it. */
    private final List<Runnable> deferred = new ArrayList<>();
    private final ClusterLock cluster;

    public MutationLock(ClusterLock cluster) {
        this.cluster = cluster;
    }

    public <T> T run(Supplier<T> mutation) {
        List<Runnable> cleanups = List.of();
        lock.lock();
        boolean outermost = lock.getHoldCount() == 1;
        try {
            if (outermost) {
                cluster.lock();
            }
            try {
                return mutation.get();
            } finally {
                if (outermost) {
                    cluster.unlock();
                }
            }
        } finally {
            if (outermost) {
                cleanups = List.copyOf(deferred);
                deferred.clear();
            }
            lock.unlock();
            cleanups.forEach(MutationLock::runIsolated);
        }
    }

    /**
     * From inside {@link #run}: work that follows from the change just committed, to be done after the lock is
     * released, in the order given.
     */
    public void afterUnlock(Runnable cleanup) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("cleanup deferred outside a mutation");
        }
        deferred.add(cleanup);
    }

    // One failed cleanup must not keep the others from running; what it leaves, reconciliation removes.
    private static void runIsolated(Runnable cleanup) {
        try {
            cleanup.run();
        } catch (RuntimeException e) {
            LOG.warn("cleanup after a metadata change failed", e);
        }
    }
}
