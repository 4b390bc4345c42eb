package dev.thaw.controlplane.logs;

import dev.thaw.controlplane.Arns;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.worker.logs.FunctionLogs;
import dev.thaw.worker.logs.LogEvent;
import dev.thaw.worker.logs.LogGroup;
import dev.thaw.worker.logs.LogStreamName;
import dev.thaw.worker.logs.LogStreamSummary;
import dev.thaw.worker.logs.MergedEvents;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The reading part of CloudWatch Logs over the functions' logs: log groups {@code /aws/lambda/<function>}, a stream
 * per environment, an event per line, with the model's limits, orders and pagination.
 */
public final class LogsService {

    /** DescribeLogGroups and DescribeLogStreams answer at most this many, and this many by default. */
    private static final int MAX_DESCRIBE = 50;
    /** GetLogEvents and FilterLogEvents: at most 10,000 events and 1 MB a page. */
    private static final int MAX_EVENTS = 10_000;
    private static final long MAX_PAGE_BYTES = 1_048_576;
    /** What CloudWatch Logs counts for an event beyond its message. */
    private static final int EVENT_OVERHEAD_BYTES = 26;
    private static final String FORWARD = "f/";
    private static final String BACKWARD = "b/";

    private final LogsSource logs;
    private final LogGroupNames names;

    public LogsService(LogsSource logs, Arns arns) {
        this.logs = logs;
        this.names = new LogGroupNames(arns);
    }

    /** The function whose log group a request names; empty when it names none of Lambda's (or names it wrongly). */
    public Optional<String> functionOf(String logGroupName, String logGroupIdentifier) {
        try {
            return names.function(logGroupName, logGroupIdentifier);
        } catch (LambdaException e) {
            return Optional.empty();
        }
    }

    public String groupName(LogGroup group) {
        return names.name(group.functionName());
    }

    public String groupArn(LogGroup group) {
        return names.arn(group.functionName());
    }

    public String logGroupArn(LogGroup group) {
        return names.logGroupArn(group.functionName());
    }

    /** The ARN of a stream of the group a DescribeLogStreams request named. */
    public String streamArn(String logGroupName, String logGroupIdentifier, LogStreamName stream) {
        return names.streamArn(existingGroup(logGroupName, logGroupIdentifier), stream.toString());
    }

    /** @param pattern a case-insensitive part of the name; not with {@code prefix} */
    public Listing<LogGroup> describeLogGroups(String prefix, String pattern, String nextToken, Integer limit) {
        if (prefix != null && pattern != null) {
            throw LogsErrors.invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually "
                    + "exclusive parameters.");
        }
        List<LogGroup> groups = logs.groups().stream()
                .filter(group -> prefix == null || names.name(group.functionName()).startsWith(prefix))
                .filter(group -> pattern == null || names.name(group.functionName()).toLowerCase(Locale.ROOT)
                        .contains(pattern.toLowerCase(Locale.ROOT)))
                .toList();
        return page(groups, group -> names.name(group.functionName()), false, nextToken, describeLimit(limit));
    }

    public Listing<LogStreamSummary> describeLogStreams(String logGroupName, String logGroupIdentifier,
                                                        String prefix, StreamOrder orderBy, boolean descending,
                                                        String nextToken, Integer limit) {
        String function = existingGroup(logGroupName, logGroupIdentifier);
        StreamOrder order = orderBy == null ? StreamOrder.LogStreamName : orderBy;
        if (order == StreamOrder.LastEventTime && prefix != null) {
            throw LogsErrors.invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        Function<LogStreamSummary, String> key = order == StreamOrder.LogStreamName ? stream -> stream.name().toString()
                : stream -> String.format(Locale.ROOT, "%020d/%s", stream.lastEventTimestamp(), stream.name());
        List<LogStreamSummary> streams = new ArrayList<>(logs.streams(function).stream()
                .filter(stream -> prefix == null || stream.name().toString().startsWith(prefix)).toList());
        streams.sort(Comparator.comparing(key));
        if (descending) {
            streams = streams.reversed();
        }
        return page(streams, key, descending, nextToken, describeLimit(limit));
    }

    /**
     * One stream's events in {@code [startTime, endTime)}: from its start with {@code startFromHead}, else its
     * last ones; a token reads on forward ({@code f/<n>}: from event n) or backward ({@code b/<n>}: before it).
     */
    public EventsPage getLogEvents(String logGroupName, String logGroupIdentifier, String logStreamName,
                                   Long startTime, Long endTime, String nextToken, Integer limit,
                                   boolean startFromHead) {
        String function = existingGroup(logGroupName, logGroupIdentifier);
        LogStreamName stream = logs.streams(function).stream().map(LogStreamSummary::name)
                .filter(name -> name.toString().equals(logStreamName)).findFirst()
                .orElseThrow(LogsErrors::streamNotFound);
        int max = eventsLimit(limit);
        boolean forward = nextToken == null ? startFromHead : nextToken.startsWith(FORWARD);
        long bound = nextToken == null ? (forward ? 0 : Long.MAX_VALUE) : tokenSequence(nextToken);
        long end = endTime == null ? Long.MAX_VALUE : endTime;
        Deque<LogEvent> page = new ArrayDeque<>();
        long bytes = 0;
        Iterator<LogEvent> events = logs.events(function, stream, startTime == null ? 0 : startTime);
        while (events.hasNext()) {
            LogEvent event = events.next();
            if (event.timestamp() >= end || (!forward && event.sequence() >= bound)) {
                break;
            }
            if (forward && event.sequence() < bound) {
                continue;
            }
            page.addLast(event);
            bytes += size(event);
            if (forward && (page.size() >= max || bytes >= MAX_PAGE_BYTES)) {
                break;
            }
            while (!forward && (page.size() > max || bytes > MAX_PAGE_BYTES)) {
                bytes -= size(page.removeFirst());
            }
        }
        List<LogEvent> result = List.copyOf(page);
        // An empty page hands back where it looked, so that a reader following the tokens sees it end.
        long edge = bound == Long.MAX_VALUE ? 0 : bound;
        return new EventsPage(result, FORWARD + (result.isEmpty() ? edge : result.getLast().sequence() + 1),
                BACKWARD + (result.isEmpty() ? edge : result.getFirst().sequence()));
    }

    /**
     * Events of the group's streams (those named, or with the prefix, or all) in {@code [startTime, endTime]} that
     * match the pattern, interleaved in time order; the token carries on after the last one returned.
     */
    public Listing<LogEvent> filterLogEvents(String logGroupName, String logGroupIdentifier,
                                             List<String> logStreamNames, String logStreamNamePrefix,
                                             Long startTime, Long endTime, String filterPattern, String nextToken,
                                             Integer limit) {
        String function = existingGroup(logGroupName, logGroupIdentifier);
        if (logStreamNames != null && !logStreamNames.isEmpty() && logStreamNamePrefix != null) {
            throw LogsErrors.invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive "
                    + "parameters.");
        }
        FilterPattern pattern = FilterPattern.parse(filterPattern);
        int max = eventsLimit(limit);
        Optional<LogEvent> after = nextToken == null ? Optional.empty() : Optional.of(position(nextToken));
        long from = Math.max(startTime == null ? 0 : startTime, after.map(LogEvent::timestamp).orElse(0L));
        long end = endTime == null ? Long.MAX_VALUE : endTime;
        List<Iterator<LogEvent>> streams = new ArrayList<>();
        for (LogStreamSummary stream : logs.streams(function)) {
            String name = stream.name().toString();
            boolean selected = logStreamNames != null && !logStreamNames.isEmpty() ? logStreamNames.contains(name)
                    : logStreamNamePrefix == null || name.startsWith(logStreamNamePrefix);
            if (selected && stream.lastEventTimestamp() >= from && stream.firstEventTimestamp() <= end) {
                streams.add(logs.events(function, stream.name(), from));
            }
        }
        MergedEvents events = new MergedEvents(streams);
        List<LogEvent> page = new ArrayList<>();
        long bytes = 0;
        while (events.hasNext()) {
            LogEvent event = events.next();
            if (event.timestamp() > end) {
                break;
            }
            if (after.isPresent() && MergedEvents.ORDER.compare(event, after.get()) <= 0
                    || !pattern.matches(event.message())) {
                continue;
            }
            if (page.size() >= max || bytes + size(event) > MAX_PAGE_BYTES) {
                return new Listing<>(page, position(page.getLast()));
            }
            page.add(event);
            bytes += size(event);
        }
        return new Listing<>(page, null);
    }

    public void putRetentionPolicy(String logGroupName, Integer retentionInDays) {
        if (retentionInDays == null || !FunctionLogs.RETENTION_DAYS.contains(retentionInDays)) {
            throw LogsErrors.invalidParameter("1 validation error detected: Value '" + retentionInDays
                    + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: "
                    + FunctionLogs.RETENTION_DAYS.stream().sorted().toList());
        }
        setRetention(logGroupName, OptionalInt.of(retentionInDays));
    }

    public void deleteRetentionPolicy(String logGroupName) {
        setRetention(logGroupName, OptionalInt.empty());
    }

    private void setRetention(String logGroupName, OptionalInt days) {
        if (logGroupName == null) {
            throw LogsErrors.invalidParameter("1 validation error detected: Value null at 'logGroupName' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        String function = names.function(logGroupName, null).orElseThrow(LogsErrors::groupNotFound);
        if (!logs.setRetention(function, days)) {
            throw LogsErrors.groupNotFound();
        }
    }

    private String existingGroup(String logGroupName, String logGroupIdentifier) {
        String function = names.function(logGroupName, logGroupIdentifier).orElseThrow(LogsErrors::groupNotFound);
        if (logs.group(function).isEmpty()) {
            throw LogsErrors.groupNotFound();
        }
        return function;
    }

    /** Items after the token's key (before it, descending), in the list's order. */
    private static <T> Listing<T> page(List<T> sorted, Function<T, String> key, boolean descending,
                                       String nextToken, int limit) {
        String after = nextToken == null ? null : Tokens.decode(nextToken);
        List<T> page = new ArrayList<>();
        for (T item : sorted) {
            int relation = after == null ? 1 : key.apply(item).compareTo(after) * (descending ? -1 : 1);
            if (relation <= 0) {
                continue;
            }
            if (page.size() == limit) {
                return new Listing<>(page, Tokens.encode(key.apply(page.getLast())));
            }
            page.add(item);
        }
        return new Listing<>(page, null);
    }

    private static String position(LogEvent event) {
        return Tokens.encode(event.timestamp() + "/" + event.sequence() + "/" + event.stream());
    }

    /** The event a FilterLogEvents token was cut after (its message unknown and unneeded). */
    private static LogEvent position(String token) {
        String[] parts = Tokens.decode(token).split("/", 3);
        try {
            LogStreamName stream = LogStreamName.parse(parts[2]).orElseThrow(Tokens::invalid);
            return new LogEvent(stream, Long.parseLong(parts[1]), Long.parseLong(parts[0]), "");
        } catch (RuntimeException e) {
            throw Tokens.invalid();
        }
    }

    private static long tokenSequence(String token) {
        if (!token.startsWith(FORWARD) && !token.startsWith(BACKWARD)) {
            throw Tokens.invalid();
        }
        try {
            return Long.parseLong(token.substring(2));
        } catch (NumberFormatException e) {
            throw Tokens.invalid();
        }
    }

    private static long size(LogEvent event) {
        return event.message().getBytes(StandardCharsets.UTF_8).length + EVENT_OVERHEAD_BYTES;
    }

    private static int describeLimit(Integer limit) {
        return checkedLimit(limit, MAX_DESCRIBE);
    }

    private static int eventsLimit(Integer limit) {
        return checkedLimit(limit, MAX_EVENTS);
    }

    private static int checkedLimit(Integer limit, int max) {
        if (limit == null) {
            return max;
        }
        if (limit < 1 || limit > max) {
            throw LogsErrors.invalidParameter("1 validation error detected: Value '" + limit + "' at 'limit' failed "
                    + "to satisfy constraint: Member must have value " + (limit < 1 ? "greater than or equal to 1"
                    : "less than or equal to " + max));
        }
        return limit;
    }
}
