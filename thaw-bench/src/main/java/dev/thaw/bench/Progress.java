package dev.thaw.bench;

/** Progress lines on standard output, each stamped with the time since the run began. */
final class Progress {

    private static final long STARTED = System.nanoTime();

    private Progress() {
    }

    static void line(String format, Object... args) {
        System.out.printf("[%6.1f s] %s%n", elapsedSeconds(), String.format(format, args));
    }

    static double elapsedSeconds() {
        return (System.nanoTime() - STARTED) / 1e9;
    }
}
