package dev.thaw.worker.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The functions' logs as CloudWatch Logs holds Lambda's: a log group per function ({@code <dir>/<function>/}, its
 * settings in {@code group.json}), a log stream per environment (a directory of hourly segments, see
 * {@link LogSegments}), an event per line. Each stream has one writer, its {@link LogStream}; events older than
 * the group's retention are neither read nor kept.
 */
public final class FunctionLogs {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionLogs.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Lambda's function name alphabet; anything else could escape the log directory. */
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,140}");
    /** The retention periods CloudWatch Logs accepts. */
    public static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    private static final String SETTINGS = "group.json";
    private static final String CREATION_TIME = "creationTime";
    private static final String RETENTION = "retentionInDays";
    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();

    private final Path dir;
    private final Clock clock;
    private final OptionalInt defaultRetentionDays;

    /**
     * @param defaultRetentionDays the retention of groups without a policy of their own; empty: never expire
     */
    public FunctionLogs(Path dir, Clock clock, OptionalInt defaultRetentionDays) {
        defaultRetentionDays.ifPresent(FunctionLogs::checkRetention);
        this.dir = dir;
        this.clock = clock;
        this.defaultRetentionDays = defaultRetentionDays;
    }

    public static void checkRetention(int days) {
        if (!RETENTION_DAYS.contains(days)) {
            throw new IllegalArgumentException("a log retention must be one of " + RETENTION_DAYS.stream().sorted()
                    .toList() + " days, not " + days);
        }
    }

    /** A new environment's stream, starting now; its group appears with its first line. */
    public LogStream stream(String functionName, String version, String environmentId) {
        LogStreamName name = LogStreamName.of(clock.instant(), version, environmentId);
        return new LogStream(name, groupDir(functionName).resolve(name.directory()), clock,
                firstEvent -> createGroup(functionName, firstEvent));
    }

    private synchronized void createGroup(String functionName, long creationTime) {
        Path settings = groupDir(functionName).resolve(SETTINGS);
        if (!Files.exists(settings)) {
            writeSettings(functionName, JSON.createObjectNode().put(CREATION_TIME, creationTime));
        }
    }

    /** Every function's log group, by name. */
    public List<LogGroup> groups() {
        List<LogGroup> groups = new ArrayList<>();
        for (Path group : children(dir)) {
            String name = group.getFileName().toString();
            if (FUNCTION_NAME.matcher(name).matches()) {
                group(name).ifPresent(groups::add);
            }
        }
        groups.sort((a, b) -> a.functionName().compareTo(b.functionName()));
        return groups;
    }

    public Optional<LogGroup> group(String functionName) {
        Optional<ObjectNode> settings = settings(functionName);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        long stored = 0;
        for (Path stream : children(groupDir(functionName))) {
            for (Path segment : LogSegments.list(stream)) {
                stored += size(segment);
            }
        }
        return Optional.of(new LogGroup(functionName, settings.get().path(CREATION_TIME).asLong(),
                retention(settings.get()), stored));
    }

    /**
     * Sets the group's own retention, or with empty removes it (the operator's applies again).
     *
     * @return false when the function has no log group
     */
    public synchronized boolean setRetention(String functionName, OptionalInt days) {
        days.ifPresent(FunctionLogs::checkRetention);
        Optional<ObjectNode> settings = settings(functionName);
        if (settings.isEmpty()) {
            return false;
        }
        ObjectNode updated = settings.get();
        if (days.isPresent()) {
            updated.put(RETENTION, days.getAsInt());
        } else {
            updated.remove(RETENTION);
        }
        writeSettings(functionName, updated);
        return true;
    }

    /** The group's streams that hold events, by name; none for a function without a group. */
    public List<LogStreamSummary> streams(String functionName) {
        Optional<ObjectNode> settings = settings(functionName);
        if (settings.isEmpty()) {
            return List.of();
        }
        long cutoff = cutoff(retention(settings.get()));
        List<LogStreamSummary> streams = new ArrayList<>();
        for (Path streamDir : children(groupDir(functionName))) {
            Optional<LogStreamName> name = LogStreamName.fromDirectory(streamDir.getFileName().toString());
            if (name.isEmpty()) {
                continue;
            }
            List<Path> segments = LogSegments.list(streamDir);
            Optional<LogEvent> first = Optional.empty();
            long stored = 0;
            for (Path segment : segments) {
                stored += size(segment);
                if (first.isEmpty()) {
                    first = LogSegments.read(segment, name.get()).stream()
                            .filter(event -> event.timestamp() >= cutoff).findFirst();
                }
            }
            if (first.isPresent()) {
                List<LogEvent> last = LogSegments.read(segments.getLast(), name.get());
                streams.add(new LogStreamSummary(name.get(), first.get().timestamp(),
                        last.isEmpty() ? first.get().timestamp() : last.getLast().timestamp(), stored));
            }
        }
        streams.sort((a, b) -> a.name().toString().compareTo(b.name().toString()));
        return streams;
    }

    /**
     * One stream's events at or after {@code fromMillis} (and within the retention), in order, read an hour at a
     * time as the caller goes.
     */
    public Iterator<LogEvent> events(String functionName, LogStreamName stream, long fromMillis) {
        Optional<ObjectNode> settings = settings(functionName);
        if (settings.isEmpty()) {
            return List.<LogEvent>of().iterator();
        }
        long from = Math.max(fromMillis, cutoff(retention(settings.get())));
        Deque<Path> segments = new ArrayDeque<>();
        for (Path segment : LogSegments.list(groupDir(functionName).resolve(stream.directory()))) {
            if (LogSegments.hourOf(segment).orElseThrow() + LogSegments.HOUR_MILLIS > from) {
                segments.add(segment);
            }
        }
        return new PagedEvents(() -> {
            while (!segments.isEmpty()) {
                List<LogEvent> page = LogSegments.read(segments.poll(), stream).stream()
                        .filter(event -> event.timestamp() >= from).toList();
                if (!page.isEmpty()) {
                    return page;
                }
            }
            return List.of();
        });
    }

    /** The whole log of a function, every stream's events in time order (what {@code thaw logs} prints). */
    public String read(String functionName) {
        List<Iterator<LogEvent>> streams = new ArrayList<>();
        for (LogStreamSummary stream : streams(functionName)) {
            streams.add(events(functionName, stream.name(), 0));
        }
        StringBuilder text = new StringBuilder();
        new MergedEvents(streams).forEachRemaining(event -> text.append(event.message()));
        return text.toString();
    }

    /**
     * Deletes what every group's retention has let go: each hour of a stream once all of it is older, and streams
     * left with none.
     */
    public void expire() {
        int segments = 0;
        int streams = 0;
        for (LogGroup group : groups()) {
            if (group.retentionInDays().isEmpty()) {
                continue;
            }
            long cutoff = cutoff(group.retentionInDays());
            for (Path streamDir : children(groupDir(group.functionName()))) {
                if (LogStreamName.fromDirectory(streamDir.getFileName().toString()).isEmpty()) {
                    continue;
                }
                List<Path> all = LogSegments.list(streamDir);
                List<Path> expired = all.stream()
                        .filter(segment -> LogSegments.hourOf(segment).orElseThrow() + LogSegments.HOUR_MILLIS
                                <= cutoff).toList();
                expired.forEach(FunctionLogs::delete);
                segments += expired.size();
                if (expired.size() == all.size() && removeEmpty(streamDir)) {
                    streams++;
                }
            }
        }
        if (segments > 0) {
            LOG.info("log retention: deleted {} hours of events, {} streams emptied", segments, streams);
        }
    }

    /** Events before this epoch millisecond are past their retention. */
    private long cutoff(OptionalInt retentionInDays) {
        return retentionInDays.isEmpty() ? Long.MIN_VALUE : clock.millis() - retentionInDays.getAsInt() * DAY_MILLIS;
    }

    private OptionalInt retention(JsonNode settings) {
        return settings.path(RETENTION).isInt() ? OptionalInt.of(settings.get(RETENTION).asInt())
                : defaultRetentionDays;
    }

    private Optional<ObjectNode> settings(String functionName) {
        if (!FUNCTION_NAME.matcher(functionName).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of((ObjectNode) JSON.readTree(Files.readAllBytes(groupDir(functionName).resolve(SETTINGS))));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeSettings(String functionName, ObjectNode settings) {
        Path group = groupDir(functionName);
        try {
            Files.createDirectories(group);
            Path temporary = group.resolve(SETTINGS + ".tmp");
            JSON.writeValue(temporary.toFile(), settings);
            Files.move(temporary, group.resolve(SETTINGS), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the log group settings of " + functionName, e);
        }
    }

    private Path groupDir(String functionName) {
        if (!FUNCTION_NAME.matcher(functionName).matches()) {
            throw new IllegalArgumentException("invalid function name " + functionName);
        }
        return dir.resolve(functionName);
    }

    private static List<Path> children(Path directory) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, Files::isDirectory)) {
            entries.forEach(children::add);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return children;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes an emptied stream's directory, unless its writer has just begun another hour in it. */
    private static boolean removeEmpty(Path streamDir) {
        try {
            Files.deleteIfExists(streamDir);
            return true;
        } catch (DirectoryNotEmptyException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
