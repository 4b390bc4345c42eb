package dev.thaw.bench;

/**
 * Closes a resource when the JVM exits before its owner did (Ctrl-C during a run), so that no server's
 * environments, Redis process or temporary directory outlive the benchmark.
 */
final class ExitCleanup {

    private final Thread hook;

    private ExitCleanup(Thread hook) {
        this.hook = hook;
    }

    static ExitCleanup register(Runnable close) {
        Thread hook = new Thread(close, "bench-exit-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        return new ExitCleanup(hook);
    }

    /** The owner closed the resource itself. */
    void cancel() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException exiting) {
            // The JVM is already exiting and runs the hook; closing twice is harmless for our resources.
        }
    }
}
