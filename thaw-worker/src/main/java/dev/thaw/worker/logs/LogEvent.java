package dev.thaw.worker.logs;

/**
 * One event of a log stream: a line the function or the platform wrote, with its trailing newline.
 *
 * @param sequence      its place in its stream, from 0; with the stream's name it identifies the event
 * @param timestamp     epoch milliseconds it was written at; never decreases along a stream
 */
public record LogEvent(LogStreamName stream, long sequence, long timestamp, String message) {

    /** Stable and unique across streams (an environment id is never reused). */
    public String eventId() {
        return stream.environmentId() + "-" + sequence;
    }

    /** Events are stored as soon as they are written. */
    public long ingestionTime() {
        return timestamp;
    }
}
