package dev.thaw.worker.logs;

/** A log stream that holds events: its first and last event's times and the bytes it takes on disk. */
public record LogStreamSummary(LogStreamName name, long firstEventTimestamp, long lastEventTimestamp,
                               long storedBytes) {
}
