package dev.thaw.worker.logs;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One environment's log stream, named as Lambda names it: {@code YYYY/MM/DD/[version]<environment id>}, the date
 * being the UTC day the environment started.
 */
public record LogStreamName(LocalDate day, String version, String environmentId) {

    private static final Pattern VERSION = Pattern.compile("\\$LATEST|[0-9]{1,10}");
    private static final Pattern ENVIRONMENT_ID = Pattern.compile("[0-9a-z-]{1,64}");
    private static final DateTimeFormatter NAME_DAY = DateTimeFormatter.ofPattern("uuuu/MM/dd");
    private static final DateTimeFormatter DIRECTORY_DAY = DateTimeFormatter.ofPattern("uuuu-MM-dd");
    /** The directory form: the day with dashes, then the rest as in the name; nothing in it can leave its parent. */
    private static final Pattern DIRECTORY = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2})-\\[(\\$LATEST|[0-9]{1,10})\\]([0-9a-z-]{1,64})");

    public LogStreamName {
        if (!VERSION.matcher(version).matches() || !ENVIRONMENT_ID.matcher(environmentId).matches()) {
            throw new IllegalArgumentException("invalid log stream: version " + version + ", environment "
                    + environmentId);
        }
    }

    public static LogStreamName of(Instant startedAt, String version, String environmentId) {
        return new LogStreamName(LocalDate.ofInstant(startedAt, ZoneOffset.UTC), version, environmentId);
    }

    /** The stream a name names, or empty when it is not the name of one. */
    public static Optional<LogStreamName> parse(String name) {
        return name.length() > 11 && name.charAt(4) == '/' && name.charAt(7) == '/' && name.charAt(10) == '/'
                ? fromDirectory(name.substring(0, 10).replace('/', '-') + "-" + name.substring(11)) : Optional.empty();
    }

    /** The stream a directory holds, or empty when the directory is not one of ours. */
    static Optional<LogStreamName> fromDirectory(String directory) {
        Matcher matcher = DIRECTORY.matcher(directory);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogStreamName(LocalDate.parse(matcher.group(1), DIRECTORY_DAY), matcher.group(2),
                    matcher.group(3)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    String directory() {
        return DIRECTORY_DAY.format(day) + "-[" + version + "]" + environmentId;
    }

    @Override
    public String toString() {
        return NAME_DAY.format(day) + "/[" + version + "]" + environmentId;
    }
}
