package dev.thaw.worker.logs;

/** Where an environment's output goes: its current invocation's log, or the function log between invocations. */
@FunctionalInterface
public interface LogSink {

    /** Appends text as the function wrote it (lines end with their newline). */
    void output(String text);
}
