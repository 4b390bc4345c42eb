package dev.thaw.worker.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * How a stream's events lie on disk: one file per UTC hour ({@code yyyyMMddHH.jsonl}), one JSON record per line
 * ({@code n} sequence, {@code t} timestamp, {@code m} message). Whole hours let retention delete files that no
 * writer appends to any more, and let reads skip the hours they do not ask for.
 */
final class LogSegments {

    static final long HOUR_MILLIS = Duration.ofHours(1).toMillis();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("uuuuMMddHH").withZone(ZoneOffset.UTC);
    /** Java's parser needs the minute to make an instant of an hour. */
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuuMMddHHmm").withZone(ZoneOffset.UTC);
    private static final Pattern SEGMENT = Pattern.compile("[0-9]{10}\\.jsonl");
    private static final String SUFFIX = ".jsonl";

    private LogSegments() {
    }

    static Path segment(Path streamDir, long timestamp) {
        return streamDir.resolve(HOUR.format(Instant.ofEpochMilli(timestamp)) + SUFFIX);
    }

    /** The epoch millisecond its hour starts at, or empty for a file that is not a segment. */
    static OptionalLong hourOf(Path segment) {
        String name = segment.getFileName().toString();
        if (!SEGMENT.matcher(name).matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(ZonedDateTime.parse(name.substring(0, 10) + "00", MINUTE).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }

    /** A stream's segments, oldest first; none for a stream that is gone. */
    static List<Path> list(Path streamDir) {
        List<Path> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(streamDir)) {
            for (Path file : files) {
                if (hourOf(file).isPresent()) {
                    segments.add(file);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        segments.sort(null);
        return segments;
    }

    static String record(long sequence, long timestamp, String message) {
        return JSON.createObjectNode().put("n", sequence).put("t", timestamp).put("m", message) + "\n";
    }

    /**
     * The segment's events, in order. A line that is not a whole record (the last one, when the server died while
     * writing it) is skipped.
     */
    static List<LogEvent> read(Path segment, LogStreamName stream) {
        List<String> lines;
        try {
            lines = Files.readAllLines(segment, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<LogEvent> events = new ArrayList<>(lines.size());
        for (String line : lines) {
            try {
                JsonNode record = JSON.readTree(line);
                if (record != null && record.path("n").isIntegralNumber() && record.path("t").isIntegralNumber()
                        && record.path("m").isTextual()) {
                    events.add(new LogEvent(stream, record.get("n").asLong(), record.get("t").asLong(),
                            record.get("m").asText()));
                }
            } catch (JsonProcessingException e) {
                // A torn record: nothing of it was acknowledged to anyone.
            }
        }
        return events;
    }
}
