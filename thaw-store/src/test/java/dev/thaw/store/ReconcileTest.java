package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileTest {
    @TempDir
    Path tmp;
    private SnapshotStore store;
    private Path one;
    private Path two;
    private Path durable;

    @BeforeEach
    void setUp() throws Exception {
        store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")), new SimpleMeterRegistry());
        durable = tmp.resolve("data/store/durable");
        one = TestTrees.sample(tmp.resolve("one"), 7);
        two = TestTrees.sample(tmp.resolve("two"), 7);
        TestTrees.write(two.resolve("multi.bin"), TestTrees.random(70, 3 * TestTrees.CHUNK + 7));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aSnapshotWhoseMetadataNeverCommittedIsRemovedWithItsOwnChunks() throws Exception {
        int chunksOfOne = store.put("fn", "1", one).chunks();
        store.put("fn", "2", two); // the control plane crashed before recording version 2

        ReconcileResult removed = store.reconcile(Map.of("fn", Set.of("1")));
        assertEquals(new ReconcileResult(1, 4, 0), removed); // multi.bin's four chunks were only in 2
        assertFalse(store.exists("fn", "2"));
        assertEquals(chunksOfOne, TestTrees.files(durable.resolve("chunks/fn")).size());
        assertEquals(chunksOfOne, TestTrees.files(tmp.resolve("data/store/cache/chunks/fn")).size());
        store.fetch("fn", "1", tmp.resolve("target"));
        assertEquals(TestTrees.describe(one), TestTrees.describe(tmp.resolve("target")));

        assertEquals(ReconcileResult.NOTHING, store.reconcile(Map.of("fn", Set.of("1"))));
    }

    @Test
    void chunksOfAPutThatNeverWroteItsManifestAreCollected() throws Exception {
        store.put("fn", "1", one);
        store.put("fn", "2", two);
        Files.delete(durable.resolve("manifests/fn/2")); // as if the put died after its uploads

        assertEquals(new ReconcileResult(0, 4, 0), store.reconcile(Map.of("fn", Set.of("1"))));
    }

    @Test
    void functionsWithNothingLiveArePurgedWithTheirKeys() throws Exception {
        store.put("kept", "1", one);
        store.put("gone", "1", one);
        int chunks = store.put("gone", "2", two).chunks();

        ReconcileResult removed = store.reconcile(Map.of("kept", Set.of("1")));
        assertEquals(2, removed.manifestsRemoved());
        assertEquals(chunks + 4, removed.chunksRemoved());
        assertFalse(Files.exists(durable.resolve("keys/gone")));
        assertFalse(Files.exists(durable.resolve("chunks/gone")));
        assertTrue(Files.exists(durable.resolve("keys/kept")));
        assertEquals(Set.of("kept"), Set.copyOf(store.stats().stream().map(FunctionStats::function).toList()));
    }

    @Test
    void collectionNeverDeletesChunksAConcurrentPutReferences() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                store.put("race", "old", one);
                String next = "new-" + round;
                Future<PutResult> put = threads.submit(() -> store.put("race", next, one));
                Future<?> delete = threads.submit(() -> {
                    store.delete("race", "old");
                    return null;
                });
                put.get();
                delete.get();
                Path target = tmp.resolve("target-" + round);
                store.fetch("race", next, target);
                assertEquals(TestTrees.describe(one), TestTrees.describe(target));
                store.delete("race", next);
            }
        } finally {
            threads.shutdown();
        }
    }
}
