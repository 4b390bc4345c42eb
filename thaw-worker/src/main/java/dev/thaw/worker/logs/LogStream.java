package dev.thaw.worker.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * The writer of one environment's log stream, its only one. Output becomes one event per line, timestamped as the
 * line completes (never earlier than the line before it); an unterminated line waits for its end, or for
 * {@link #flush()}.
 */
public final class LogStream implements LogSink {

    private final LogStreamName name;
    private final Path dir;
    private final Clock clock;
    private final LongConsumer firstWrite;
    private final StringBuilder pending = new StringBuilder();
    private long nextSequence;
    private long lastTimestamp;
    private boolean written;

    LogStream(LogStreamName name, Path dir, Clock clock, LongConsumer firstWrite) {
        this.name = name;
        this.dir = dir;
        this.clock = clock;
        this.firstWrite = firstWrite;
    }

    public LogStreamName name() {
        return name;
    }

    @Override
    public synchronized void output(String text) {
        pending.append(text);
        int end = pending.lastIndexOf("\n");
        if (end >= 0) {
            String lines = pending.substring(0, end + 1);
            pending.delete(0, end + 1);
            write(lines);
        }
    }

    /** Writes an unterminated last line as an event of its own (when its environment stops). */
    @Override
    public synchronized void flush() {
        if (!pending.isEmpty()) {
            String line = pending.toString();
            pending.setLength(0);
            write(line);
        }
    }

    private void write(String lines) {
        long timestamp = Math.max(clock.millis(), lastTimestamp);
        StringBuilder records = new StringBuilder();
        int start = 0;
        while (start < lines.length()) {
            int end = lines.indexOf('\n', start);
            end = end < 0 ? lines.length() : end + 1;
            records.append(LogSegments.record(nextSequence++, timestamp, lines.substring(start, end)));
            start = end;
        }
        if (!written) {
            firstWrite.accept(timestamp);
            written = true;
        }
        append(LogSegments.segment(dir, timestamp), records.toString());
        lastTimestamp = timestamp;
    }

    private void append(Path segment, String records) {
        try {
            Files.createDirectories(dir);
            try {
                appendTo(segment, records);
            } catch (NoSuchFileException removed) {
                // Retention removed the stream's directory as it emptied: this stream is live again.
                Files.createDirectories(dir);
                appendTo(segment, records);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write log stream " + name, e);
        }
    }

    private static void appendTo(Path segment, String records) throws IOException {
        Files.writeString(segment, records, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }
}
