package dev.thaw.worker.logs;

/** Where an environment's output goes: its current invocation's log, or its log stream between invocations. */
@FunctionalInterface
public interface LogSink {

    /** Appends text as the function wrote it (lines end with their newline). */
    void output(String text);

    /** Writes out what waits for the end of its line (the environment is stopping). */
    default void flush() {
    }
}
