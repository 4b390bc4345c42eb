package example.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code threads}: starts {@code "count"} threads (1100 by default) that park, counts the processes and threads
 * the environment then holds, and ends and joins them again. Escaped when more than 1024 tasks existed at once.
 * {@code "recovered"} says whether a thread could be started again afterwards.
 */
final class Threads implements Attempt {

    private static final int TASK_LIMIT = 1024;
    private static final long JOIN_PATIENCE_MS = 20_000;

    @Override
    public Outcome run(Input input) {
        int count = input.count("count", 1100);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        OutOfMemoryError refused = null;
        int tasks;
        try {
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(() -> park(stop), "hostile-" + i);
                thread.setDaemon(true);
                thread.start();
                threads.add(thread);
            }
        } catch (OutOfMemoryError e) {
            refused = e;
        } finally {
            tasks = ProcFs.tasks();
            stop.set(true);
            threads.forEach(LockSupport::unpark);
        }
        int stillAlive = join(threads);
        String failure = refused == null ? null : Failures.describe(refused);
        boolean recovered = stillAlive == 0 && startedAgain();
        return Outcome.of(tasks > TASK_LIMIT, "started " + threads.size() + " of " + count + " threads; "
                        + tasks + " processes and threads at once"
                        + (failure == null ? "" : "; then " + failure))
                .with("started", threads.size())
                .with("tasks", tasks)
                .with("error", failure)
                .with("recovered", recovered);
    }

    private static void park(AtomicBoolean stop) {
        while (!stop.get()) {
            LockSupport.park();
        }
    }

    /** Joins every thread within a bounded time; returns how many are still alive. */
    private static int join(List<Thread> threads) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_PATIENCE_MS);
        int alive = 0;
        for (Thread thread : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                if (left > 0) {
                    thread.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                LockSupport.unpark(thread);
                alive++;
            }
        }
        return alive;
    }

    private static boolean startedAgain() {
        try {
            Thread thread = new Thread(() -> { }, "hostile-again");
            thread.start();
            thread.join(JOIN_PATIENCE_MS);
            return !thread.isAlive();
        } catch (OutOfMemoryError e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
