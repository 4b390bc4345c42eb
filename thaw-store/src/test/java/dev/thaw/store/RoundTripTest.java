package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void restoresEveryKindOfFileWithModesAndTimes() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")), registry)) {
            PutResult put = store.put("hello", "1", source);
            // exact: 1 chunk, multi: 4, zeros: 1 distinct, plus four small files.
            assertEquals(10, put.chunks());
            assertEquals(put.chunks(), put.newChunks());
            assertEquals(TestTrees.CHUNK + 3L * TestTrees.CHUNK + 7 + 2L * TestTrees.CHUNK + 12 + 1000 + 64 + 4,
                    put.rawBytes());
            assertTrue(store.exists("hello", "1"));
            assertFalse(store.exists("hello", "2"));

            Path target = tmp.resolve("target");
            FetchResult fetched = store.fetch("hello", "1", target);
            assertEquals(TestTrees.describe(source), TestTrees.describe(target));
            assertEquals(put.rawBytes(), fetched.bytes());
            assertEquals(put.chunks(), fetched.chunks());
            assertEquals(put.chunks(), fetched.chunksByTier().get("l1"), "put fills L1");
            assertEquals(put.chunks(), registry.counter("thaw_store_chunk_hits", "tier", "l1").count());
            assertEquals(1, registry.timer("thaw_store_fetch").count());
            assertEquals(1, registry.timer("thaw_store_put").count());
        }
    }

    @Test
    void restoresIntoAnExistingDirectoryAndLeavesNoStagingBehind() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 2);
        Path target = Files.createDirectories(tmp.resolve("target"));
        TestTrees.write(target.resolve("hello.txt"), "stale".getBytes());
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")), new SimpleMeterRegistry())) {
            store.put("hello", "1", source);
            store.fetch("hello", "1", target);
        }
        assertEquals(TestTrees.describe(source), TestTrees.describe(target));
    }

    @Test
    void storesChunksEncryptedAndCompressed() throws Exception {
        Path source = tmp.resolve("source");
        byte[] text = "the same line of text, over and over\n".repeat(40_000).getBytes();
        TestTrees.write(source.resolve("log.txt"), text);
        Path data = tmp.resolve("data");
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(data), new SimpleMeterRegistry())) {
            PutResult put = store.put("hello", "1", source);
            assertTrue(put.storedBytes() < text.length / 20, "compressed: " + put.storedBytes());
        }
        Path chunks = data.resolve("store/durable/chunks/hello");
        for (String chunk : TestTrees.files(chunks)) {
            String stored = new String(Files.readAllBytes(chunks.resolve(chunk)));
            assertFalse(stored.contains("over and over"), "plaintext in stored chunk");
        }
    }

    @Test
    void rejectsNamesThatCannotBeObjectKeys() throws Exception {
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")), new SimpleMeterRegistry())) {
            for (String bad : List.of("", "../x", "a/b", ".hidden", "with space", "star*")) {
                assertThrows(IllegalArgumentException.class, () -> store.put(bad, "1", tmp));
                assertThrows(IllegalArgumentException.class, () -> store.fetch("f", bad, tmp));
            }
        }
    }

    @Test
    void aMissingSourceDirectoryIsAStoreException() throws Exception {
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")), new SimpleMeterRegistry())) {
            StoreException e = assertThrows(StoreException.class, () -> store.put("f", "1", tmp.resolve("nope")));
            assertTrue(e.getMessage().contains("not a directory"), e.getMessage());
        }
    }
}
