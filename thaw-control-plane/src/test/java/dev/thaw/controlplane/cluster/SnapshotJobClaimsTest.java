package dev.thaw.controlplane.cluster;

import dev.thaw.controlplane.MetadataStore;
import dev.thaw.controlplane.SetClock;
import dev.thaw.controlplane.VersionKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Leases and job claims between two servers of one database, on a clock the test moves. */
class SnapshotJobClaimsTest {

    private static final VersionKey VERSION = new VersionKey("fn", "1");

    @TempDir
    Path dir;

    private final SetClock clock = new SetClock(Instant.parse("2026-01-01T00:00:00Z"));
    private MetadataStore store;
    private Membership a;
    private Membership b;
    private SnapshotJobClaims claimsOfA;
    private SnapshotJobClaims claimsOfB;

    @BeforeEach
    void open() {
        store = MetadataStore.open(dir);
        a = new Membership(store, "a", clock);
        b = new Membership(store, "b", clock);
        claimsOfA = new SnapshotJobClaims(store, a, clock);
        claimsOfB = new SnapshotJobClaims(store, b, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aJobIsHeldByOneLiveServerAndTakenOverWhenItsLeaseRunsOut() {
        a.register(URI.create("http://a"));
        b.register(URI.create("http://b"));
        assertTrue(claimsOfA.orphaned(VERSION), "nobody holds it yet");
        assertEquals(Optional.empty(), claimsOfA.claim(VERSION));
        assertEquals(Optional.of("a"), claimsOfB.claim(VERSION), "a is alive and holds it");
        assertEquals(Optional.empty(), claimsOfA.claim(VERSION), "its holder may claim it again");
        assertFalse(claimsOfB.orphaned(VERSION));

        clock.advance(Membership.LEASE.minusSeconds(1));
        b.beat();
        assertEquals(Optional.of("a"), claimsOfB.claim(VERSION), "within a's lease");
        clock.advance(Duration.ofSeconds(2));
        b.beat();
        assertTrue(claimsOfB.orphaned(VERSION), "a's lease ran out");
        assertTrue(b.alive("b") && !b.alive("a") && !b.othersAlive());
        assertEquals(Optional.empty(), claimsOfB.claim(VERSION));

        claimsOfA.release(VERSION);
        assertEquals(Optional.of("b"), claimsOfA.claim(VERSION), "a late release of a's leaves b's claim");
        claimsOfB.release(VERSION);
        assertTrue(claimsOfA.orphaned(VERSION));
    }

    @Test
    void aServerThatLeavesIsGoneAtOnce() {
        a.register(URI.create("http://a"));
        b.register(URI.create("http://b"));
        assertTrue(a.othersAlive());
        store.deleteNode("b");
        assertFalse(a.othersAlive());
        assertEquals(1, a.nodes().size());
    }
}
