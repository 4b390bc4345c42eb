package dev.thaw.api;

import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.controlplane.logs.LogsSource;
import dev.thaw.worker.logs.LogEvent;
import dev.thaw.worker.logs.LogGroup;
import dev.thaw.worker.logs.LogStreamName;
import dev.thaw.worker.logs.LogStreamSummary;
import dev.thaw.worker.logs.PagedEvents;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The functions' logs of every live server sharing the database, as one: each server keeps what the environments it
 * ran wrote (a function's owner most of it, others what they ran while the owner was full or gone), so a group is
 * the union of its parts, a stream lives on one server, and a retention is set on each. {@link #routes} serves
 * this server's part to the others, signed like the Lambda API. A server that cannot be reached is left out
 * ({@link ClusterClient}).
 */
final class ClusterLogs implements LogsSource {

    private static final String PREFIX = "/thaw/cluster/logs/groups";
    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** Events per page between servers. */
    private static final int PAGE = 1000;
    /** Functions whose last stream listing is kept: streams() is asked before any of its streams' events. */
    private static final int REMEMBERED_FUNCTIONS = 1_000;

    private final LogsSource local;
    private final Membership membership;
    private final ClusterClient client;
    /** By function, which other server each of its streams was on at its last listing. */
    private final Map<String, Map<LogStreamName, ClusterNode>> streamNodes = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Map<LogStreamName, ClusterNode>> eldest) {
                    return size() > REMEMBERED_FUNCTIONS;
                }
            });

    ClusterLogs(LogsSource local, Membership membership, ClusterClient client) {
        this.local = local;
        this.membership = membership;
        this.client = client;
    }

    record WireGroup(String functionName, long creationTime, Integer retentionInDays, long storedBytes) {
        static WireGroup of(LogGroup group) {
            return new WireGroup(group.functionName(), group.creationTime(), group.retentionInDays().isPresent()
                    ? group.retentionInDays().getAsInt() : null, group.storedBytes());
        }

        LogGroup group() {
            return new LogGroup(functionName, creationTime, retentionInDays == null ? OptionalInt.empty()
                    : OptionalInt.of(retentionInDays), storedBytes);
        }
    }

    record WireGroups(List<WireGroup> groups) {
    }

    record WireStream(String name, long firstEventTimestamp, long lastEventTimestamp, long storedBytes) {
    }

    record WireStreams(List<WireStream> streams) {
    }

    record WireEvent(long sequence, long timestamp, String message) {
    }

    record WireEvents(List<WireEvent> events, boolean more) {
    }

    record WireRetention(Integer retentionInDays) {
    }

    record WireFound(boolean found) {
    }

    @Override
    public List<LogGroup> groups() {
        TreeMap<String, LogGroup> merged = new TreeMap<>();
        local.groups().forEach(group -> merged.put(group.functionName(), group));
        remoteGroups().forEach(group -> merged.merge(group.functionName(), group, ClusterLogs::union));
        return List.copyOf(merged.values());
    }

    /** The other live servers' parts of every group. */
    private Stream<LogGroup> remoteGroups() {
        return membership.liveOthers().stream().flatMap(node -> client.get(node, PREFIX, WireGroups.class).stream())
                .flatMap(groups -> groups.groups().stream()).map(WireGroup::group);
    }

    /** One group's parts as one: the earliest creation, the bytes of all, this server's retention first. */
    private static LogGroup union(LogGroup first, LogGroup other) {
        return new LogGroup(first.functionName(), Math.min(first.creationTime(), other.creationTime()),
                first.retentionInDays().isPresent() ? first.retentionInDays() : other.retentionInDays(),
                first.storedBytes() + other.storedBytes());
    }

    @Override
    public Optional<LogGroup> group(String functionName) {
        return Stream.concat(local.group(functionName).stream(),
                remoteGroups().filter(group -> group.functionName().equals(functionName)))
                .reduce(ClusterLogs::union);
    }

    @Override
    public List<LogStreamSummary> streams(String functionName) {
        List<LogStreamSummary> streams = new ArrayList<>(local.streams(functionName));
        Map<LogStreamName, ClusterNode> elsewhere = new HashMap<>();
        for (ClusterNode node : membership.liveOthers()) {
            client.get(node, PREFIX + "/" + encode(functionName) + "/streams", WireStreams.class)
                    .ifPresent(wire -> wire.streams().forEach(stream -> LogStreamName.parse(stream.name())
                            .ifPresent(name -> {
                                elsewhere.put(name, node);
                                streams.add(new LogStreamSummary(name, stream.firstEventTimestamp(),
                                        stream.lastEventTimestamp(), stream.storedBytes()));
                            })));
        }
        streamNodes.put(functionName, Map.copyOf(elsewhere));
        streams.sort((a, b) -> a.name().toString().compareTo(b.name().toString()));
        return streams;
    }

    @Override
    public Iterator<LogEvent> events(String functionName, LogStreamName stream, long fromMillis) {
        ClusterNode node = streamNodes.getOrDefault(functionName, Map.of()).get(stream);
        if (node == null) {
            return local.events(functionName, stream, fromMillis);
        }
        String path = PREFIX + "/" + encode(functionName) + "/events?stream=" + encode(stream.toString());
        long[] position = {fromMillis, -1};
        boolean[] more = {true};
        return new PagedEvents(() -> {
            if (!more[0]) {
                return List.of();
            }
            // Each page starts where the last ended: at its last event's time, after its sequence.
            Optional<WireEvents> page = client.get(node, path + "&from=" + position[0] + "&after=" + position[1],
                    WireEvents.class);
            more[0] = page.map(WireEvents::more).orElse(false);
            List<LogEvent> events = page.map(wire -> wire.events().stream().map(event -> new LogEvent(stream,
                    event.sequence(), event.timestamp(), event.message())).toList()).orElse(List.of());
            if (!events.isEmpty()) {
                position[0] = events.getLast().timestamp();
                position[1] = events.getLast().sequence();
            }
            return events;
        });
    }

    @Override
    public boolean setRetention(String functionName, OptionalInt days) {
        boolean found = local.setRetention(functionName, days);
        byte[] body = Json.write(new WireRetention(days.isPresent() ? days.getAsInt() : null));
        for (ClusterNode node : membership.liveOthers()) {
            found |= client.send(node, "PUT", PREFIX + "/" + encode(functionName) + "/retention", body,
                    WireFound.class).map(WireFound::found).orElse(false);
        }
        return found;
    }

    /** The routes that give the other servers this server's part. */
    List<Route> routes() {
        return List.of(
                Route.of("GET", PREFIX, "ClusterLogGroups", request -> ApiResponse.json(200,
                        new WireGroups(local.groups().stream().map(WireGroup::of).toList()))),
                Route.of("GET", PREFIX + "/{FunctionName}/streams", "ClusterLogStreams", request ->
                        ApiResponse.json(200, new WireStreams(local.streams(functionName(request)).stream()
                                .map(stream -> new WireStream(stream.name().toString(),
                                        stream.firstEventTimestamp(), stream.lastEventTimestamp(),
                                        stream.storedBytes())).toList()))),
                Route.of("GET", PREFIX + "/{FunctionName}/events", "ClusterLogEvents", this::localEvents),
                Route.of("PUT", PREFIX + "/{FunctionName}/retention", "ClusterLogRetention", request -> {
                    Integer days = request.json(WireRetention.class).retentionInDays();
                    return ApiResponse.json(200, new WireFound(local.setRetention(functionName(request),
                            days == null ? OptionalInt.empty() : OptionalInt.of(days))));
                }));
    }

    /** The path's function name, which names a directory of the logs: nothing but a function name passes. */
    private static String functionName(ApiRequest request) {
        String name = request.pathParameter("FunctionName");
        if (name == null || !FUNCTION_NAME.matcher(name).matches()) {
            throw LambdaException.invalidParameter("not a function name");
        }
        return name;
    }

    /** A page of one local stream's events after sequence {@code after}, at or after {@code from}. */
    private ApiResponse localEvents(ApiRequest request) {
        LogStreamName stream = LogStreamName.parse(Optional.ofNullable(request.queryParameter("stream")).orElse(""))
                .orElseThrow(() -> LambdaException.invalidParameter("stream is not a log stream name"));
        long from = longParameter(request, "from");
        long after = longParameter(request, "after");
        Iterator<LogEvent> events = local.events(functionName(request), stream, from);
        List<WireEvent> page = new ArrayList<>();
        while (events.hasNext() && page.size() < PAGE) {
            LogEvent event = events.next();
            if (event.sequence() > after) {
                page.add(new WireEvent(event.sequence(), event.timestamp(), event.message()));
            }
        }
        return ApiResponse.json(200, new WireEvents(page, events.hasNext()));
    }

    private static long longParameter(ApiRequest request, String name) {
        try {
            return Long.parseLong(Optional.ofNullable(request.queryParameter(name)).orElse(""));
        } catch (NumberFormatException e) {
            throw LambdaException.invalidParameter(name + " is not a number");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
