package dev.thaw.controlplane.cluster;

import dev.thaw.controlplane.MetadataStore;
import dev.thaw.controlplane.SetClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a function's invocations go and which part of the account's concurrency each server holds. */
class MembershipTest {

    @TempDir
    Path dir;

    private final SetClock clock = new SetClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MetadataStore store;
    private List<Membership> servers;

    @BeforeEach
    void open() {
        store = MetadataStore.open(dir);
        servers = List.of(new Membership(store, "c", clock), new Membership(store, "a", clock),
                new Membership(store, "b", clock));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void everyServerRoutesAKeyAlikeAndTheLiveServersSplitTheConcurrencyBetweenThem() {
        Membership c = servers.get(0);
        Membership a = servers.get(1);
        Membership b = servers.get(2);
        assertEquals(List.of(), a.routeOrder("fn"), "alone: nothing to route");
        assertEquals(new Membership.Share(0, 1), a.concurrencyShare());
        servers.forEach(server -> server.register(URI.create("http://" + server.nodeId())));
        clock.advance(Membership.VIEW_PERIOD);

        for (String key : List.of("fn-1", "fn-2", "fn-3", "fn-4")) {
            List<String> order = ids(a.routeOrder(key));
            assertEquals(3, order.size());
            assertEquals(order, ids(b.routeOrder(key)));
            assertEquals(order, ids(c.routeOrder(key)));
            assertEquals(order.get(0), a.ownerId(key));
        }
        assertEquals(new Membership.Share(0, 3), a.concurrencyShare(), "parts by id, whatever joined first");
        assertEquals(new Membership.Share(1, 3), b.concurrencyShare());
        assertEquals(new Membership.Share(2, 3), c.concurrencyShare());

        // c dies: once its lease has run out the other two hold its part between them.
        clock.advance(Membership.LEASE.plus(Duration.ofSeconds(1)));
        a.beat();
        b.beat();
        assertEquals(List.of("a", "b"), ids(a.routeOrder("fn-1")).stream().sorted().toList());
        assertEquals(new Membership.Share(0, 2), a.concurrencyShare());
        assertEquals(new Membership.Share(1, 2), b.concurrencyShare());
    }

    private static List<String> ids(List<ClusterNode> nodes) {
        return nodes.stream().map(ClusterNode::nodeId).toList();
    }
}
