package dev.thaw.controlplane.cluster;

import dev.thaw.controlplane.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * This server among those sharing the metadata database. Once it has joined it renews its row every
 * {@link #HEARTBEAT}; a server counts as alive while its last heartbeat is younger than {@link #LEASE}, so one that
 * stops drops out at once (it removes its row) and one that dies within a lease. A server on the embedded database
 * is alone, and alive by definition.
 */
public final class Membership implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    public static final Duration HEARTBEAT = Duration.ofSeconds(3);
    public static final Duration LEASE = Duration.ofSeconds(10);
    /** How stale the list of live servers that routing uses may be. */
    public static final Duration VIEW_PERIOD = Duration.ofSeconds(1);

    private final MetadataStore store;
    private final String nodeId;
    private final Clock clock;
    private final Instant started;
    private volatile URI address;
    private volatile View view;
    private ScheduledFuture<?> heartbeats;

    public Membership(MetadataStore store, String nodeId, Clock clock) {
        this.store = store;
        this.nodeId = nodeId;
        this.clock = clock;
        this.started = clock.instant();
    }

    public String nodeId() {
        return nodeId;
    }

    /** Registers this server as reachable at {@code address} and keeps its lease renewed on {@code timer}. */
    public synchronized void join(URI address, ScheduledExecutorService timer) {
        register(address);
        heartbeats = timer.scheduleWithFixedDelay(this::beatSafely, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info("node {} joined at {}", nodeId, address);
    }

    /** Registers this server at {@code address} once; {@link #join} keeps it registered. */
    void register(URI reachableAt) {
        this.address = reachableAt;
        beat();
    }

    void beat() {
        store.putNode(new ClusterNode(nodeId, address, started, clock.instant()));
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // The database is out of reach: the lease runs out, and the others take over what this node held.
            LOG.warn("node {}: heartbeat failed: {}", nodeId, e.toString());
        }
    }

    /** Every registered server, alive or not, by id. */
    public List<ClusterNode> nodes() {
        return store.nodes();
    }

    /** Whether the server with this id is alive now: this one always is. */
    public boolean alive(String id) {
        if (id.equals(nodeId)) {
            return true;
        }
        Instant now = clock.instant();
        return store.nodes().stream().anyMatch(node -> node.nodeId().equals(id) && node.alive(now, LEASE));
    }

    /** Whether another server is alive now. */
    public boolean othersAlive() {
        Instant now = clock.instant();
        return store.nodes().stream().anyMatch(node -> !node.nodeId().equals(nodeId) && node.alive(now, LEASE));
    }

    /**
     * The live servers in the order {@code key}'s work goes to them: its owner first, then each next owner were those
     * before gone ({@link Ring#order}); this one is always among them. Empty when this server is alone.
     */
    public List<ClusterNode> routeOrder(String key) {
        List<ClusterNode> live = liveNodes();
        if (live.stream().allMatch(this::isSelf)) {
            return List.of();
        }
        List<ClusterNode> order = new ArrayList<>(Ring.order(key, live));
        if (order.stream().noneMatch(this::isSelf)) {
            order.add(new ClusterNode(nodeId, address, started, clock.instant()));
        }
        return List.copyOf(order);
    }

    /** The other live servers. */
    public List<ClusterNode> liveOthers() {
        return liveNodes().stream().filter(node -> !isSelf(node)).toList();
    }

    /** Whether {@code node} is this server. */
    public boolean isSelf(ClusterNode node) {
        return node.nodeId().equals(nodeId);
    }

    /**
     * Which part of the account's unreserved concurrency this server holds: the live servers by id split it into
     * as many parts, so that their parts add up to the whole.
     *
     * @param part  this server's part, from 0
     * @param parts how many there are; 1 for a server alone
     */
    public record Share(int part, int parts) {
    }

    public Share concurrencyShare() {
        List<String> ids = Stream.concat(liveNodes().stream().map(ClusterNode::nodeId), Stream.of(nodeId))
                .distinct().sorted().toList();
        return new Share(ids.indexOf(nodeId), ids.size());
    }

    /** The id of the live server that owns {@code key}; this one's when it is alone. */
    public String ownerId(String key) {
        return Ring.owner(key, liveNodes()).map(ClusterNode::nodeId).orElse(nodeId);
    }

    private List<ClusterNode> liveNodes() {
        Instant now = clock.instant();
        View current = view;
        if (current == null || !now.isBefore(current.read().plus(VIEW_PERIOD))) {
            List<ClusterNode> live = store.nodes().stream().filter(node -> node.nodeId().equals(nodeId)
                    || node.alive(now, LEASE)).toList();
            current = new View(now, live);
            view = current;
        }
        return current.nodes();
    }

    private record View(Instant read, List<ClusterNode> nodes) {
    }

    /** This server's own row, once it has joined. */
    public Optional<URI> address() {
        return Optional.ofNullable(address);
    }

    /** Stops renewing and removes this server's row: the others see it gone at once. */
    @Override
    public synchronized void close() {
        if (heartbeats != null) {
            heartbeats.cancel(false);
            heartbeats = null;
            try {
                store.deleteNode(nodeId);
                LOG.info("node {} left", nodeId);
            } catch (RuntimeException e) {
                LOG.warn("node {}: cannot remove its row, it expires with its lease: {}", nodeId, e.toString());
            }
        }
    }
}
