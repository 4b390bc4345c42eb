package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DedupTest {
    @TempDir
    Path tmp;

    @Test
    void aSecondSnapshotSharingMostFilesStoresLittle() throws Exception {
        Path one = TestTrees.sample(tmp.resolve("one"), 8);
        TestTrees.write(one.resolve("lib/app.jar"), TestTrees.random(80, 8 * TestTrees.CHUNK));
        Path two = TestTrees.sample(tmp.resolve("two"), 8);
        TestTrees.write(two.resolve("lib/app.jar"), TestTrees.random(80, 8 * TestTrees.CHUNK));
        TestTrees.write(two.resolve("hello.txt"), "hello, version two\n".getBytes());

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")), registry)) {
            PutResult first = store.put("dedup", "1", one);
            PutResult second = store.put("dedup", "2", two);
            assertEquals(first.chunks(), second.chunks());
            assertEquals(1, second.newChunks(), "only hello.txt changed");
            assertTrue(second.storedBytes() < first.storedBytes() / 100, second + " vs " + first);

            List<FunctionStats> stats = store.stats();
            assertEquals(1, stats.size());
            FunctionStats dedup = stats.get(0);
            assertEquals("dedup", dedup.function());
            assertEquals(2, dedup.snapshots());
            assertEquals(first.rawBytes() + second.rawBytes(), dedup.rawBytes());
            assertTrue(dedup.storedBytes() < first.storedBytes() * 1.01, dedup.toString());
            // Two near-identical snapshots, each with a repeated zero chunk: well over 2.
            assertTrue(dedup.dedupRatio() > 2, dedup.toString());
            assertTrue(dedup.compressionRatio() > 1, dedup.toString());
            assertEquals(dedup.storedBytes(), dedup.tierBytes().get("l1"));
            assertTrue(dedup.tierBytes().get("durable") > dedup.storedBytes(), "manifests are durable only");
            assertEquals(dedup.rawBytes(),
                    registry.get("thaw_store_function_raw_bytes").tag("function", "dedup").gauge().value());
        }
    }
}
