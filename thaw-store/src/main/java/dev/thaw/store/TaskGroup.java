package dev.thaw.store;

import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chunk work of one put or fetch on the shared I/O pool, at most maxInFlight at a time (which bounds the
 * chunks held in memory). The first failure stops tasks not yet started; awaitAll waits for every task, even
 * when interrupted, so none still writes once the operation has returned.
 */
final class TaskGroup {
    interface Task {
        void run() throws Exception;
    }

    private final ExecutorService pool;
    private final Semaphore permits;
    private final List<Future<?>> futures = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    TaskGroup(ExecutorService pool, int maxInFlight) {
        this.pool = pool;
        this.permits = new Semaphore(maxInFlight);
    }

    void submit(Task task) {
        if (failure.get() != null) {
            return;
        }
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure.compareAndSet(null, new InterruptedIOException("interrupted"));
            return;
        }
        futures.add(pool.submit(() -> {
            try {
                if (failure.get() == null) {
                    task.run();
                }
            } catch (Exception | Error e) {
                failure.compareAndSet(null, e);
            } finally {
                permits.release();
            }
        }));
    }

    /** Waits for every task; rethrows the first failure, a StoreException as it is, anything else wrapped. */
    void awaitAll(String what) throws StoreException {
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, new InterruptedIOException("interrupted"));
                } catch (ExecutionException e) {
                    failure.compareAndSet(null, e.getCause());
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable failed = failure.get();
        if (failed instanceof StoreException e) {
            throw e;
        }
        if (failed instanceof Error e) {
            throw e;
        }
        if (failed != null) {
            throw new StoreException(what + ": " + failed, failed);
        }
    }

    int submitted() {
        return futures.size();
    }
}
