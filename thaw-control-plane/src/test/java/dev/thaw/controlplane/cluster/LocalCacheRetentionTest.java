package dev.thaw.controlplane.cluster;

import dev.thaw.store.FetchResult;
import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which chunks a sweep takes out of L1, and that it leaves the shared tiers alone. */
class LocalCacheRetentionTest {

    @TempDir
    Path dir;

    @Test
    void chunksOfSnapshotsNoLongerLiveLeaveL1AndNothingElse() throws Exception {
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(dir.resolve("data")),
                new SimpleMeterRegistry())) {
            store.put("fn", "1", snapshot("one", 1));
            store.put("fn", "2", snapshot("two", 2));
            store.put("gone", "1", snapshot("gone", 3));
            LocalCacheRetention retention = new LocalCacheRetention(store);

            // A function with nothing live (deleted elsewhere, or while this server was away) leaves L1.
            retention.retain(Map.of("fn", Set.of("1", "2")));
            assertEquals(Map.of("fn", 3), store.locallyCachedChunks(), "fn's own two and the shared one stay");

            // Another server deleted fn/1: only the chunk no live snapshot shares goes.
            retention.retain(Map.of("fn", Set.of("2")));
            assertEquals(Map.of("fn", 2), store.locallyCachedChunks());
            assertEquals(Map.of("durable", 2), fetch(store, "gone", "1"), "the durable tier keeps what it had");
            assertEquals(Map.of("l1", 1, "durable", 1), fetch(store, "fn", "1"),
                    "its own chunk came from durable, the one it shares with fn/2 from L1");

            // A snapshot made and deleted between two sweeps, never seen live: its new chunks are what tells.
            store.put("fn", "3", snapshot("three", 4));
            retention.retain(Map.of("fn", Set.of("2"), "gone", Set.of("1")));
            assertEquals(Map.of("fn", 2, "gone", 2), store.locallyCachedChunks());
            assertEquals(Map.of("l1", 2), fetch(store, "fn", "2"));
            retention.retain(Map.of("fn", Set.of("2"), "gone", Set.of("1")));
            assertEquals(Map.of("fn", 2, "gone", 2), store.locallyCachedChunks(), "nothing changed, nothing goes");
        }
    }

    /** A snapshot of two 512 KiB files: one of its own, one shared by every snapshot. */
    private Path snapshot(String name, int seed) throws IOException {
        Path snapshot = Files.createDirectories(dir.resolve(name));
        Files.write(snapshot.resolve("own.bin"), random(seed));
        Files.write(snapshot.resolve("shared.bin"), random(0));
        return snapshot;
    }

    private static byte[] random(int seed) {
        byte[] bytes = new byte[512 * 1024];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private Map<String, Integer> fetch(SnapshotStore store, String function, String snapshotId) throws Exception {
        Path target = dir.resolve("fetched-" + function + "-" + snapshotId + "-" + System.nanoTime());
        FetchResult result = store.fetch(function, snapshotId, target);
        Map<String, Integer> byTier = new HashMap<>(result.chunksByTier());
        byTier.values().removeIf(count -> count == 0);
        return byTier;
    }
}
