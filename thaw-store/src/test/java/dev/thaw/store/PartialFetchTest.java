package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A fetch that leaves some files for later: they are loaded chunk by verified chunk, as a reader asks. */
class PartialFetchTest {
    private static final int CHUNK = TestTrees.CHUNK;

    @TempDir
    Path tmp;

    @Test
    void partialFilesHaveTheirSizeAndGetOnlyTheChunksAsked() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 7);
        byte[] multi = Files.readAllBytes(source.resolve("multi.bin"));
        Path target = tmp.resolve("target");
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(tmp.resolve("data")),
                new SimpleMeterRegistry())) {
            store.put("fn", "1", source);

            PartialFiles partial = store.fetch("fn", "1", target, "multi.bin"::equals);

            assertEquals(Set.of("multi.bin"), partial.paths());
            TreeMap<String, String> fetched = TestTrees.describe(target);
            TreeMap<String, String> expected = TestTrees.describe(source);
            fetched.remove("multi.bin");
            expected.remove("multi.bin");
            assertEquals(expected, fetched, "every other file is there whole");
            assertEquals(multi.length, Files.size(target.resolve("multi.bin")));
            assertArrayEquals(new byte[multi.length], Files.readAllBytes(target.resolve("multi.bin")),
                    "nothing of the partial file is on disk yet");

            partial.load("multi.bin", new long[] {CHUNK + 5, CHUNK + 10, 3L * CHUNK + 1, 3L * CHUNK + 2});

            byte[] now = Files.readAllBytes(target.resolve("multi.bin"));
            assertArrayEquals(Arrays.copyOfRange(multi, CHUNK, 2 * CHUNK), Arrays.copyOfRange(now, CHUNK, 2 * CHUNK),
                    "the chunk holding the first range");
            assertArrayEquals(Arrays.copyOfRange(multi, 3 * CHUNK, multi.length),
                    Arrays.copyOfRange(now, 3 * CHUNK, multi.length), "the short last chunk");
            assertArrayEquals(new byte[CHUNK], Arrays.copyOfRange(now, 0, CHUNK), "a chunk not asked for");

            partial.load("multi.bin", new long[] {0, Long.MAX_VALUE});
            assertArrayEquals(multi, Files.readAllBytes(target.resolve("multi.bin")));
            assertThrows(IllegalArgumentException.class, () -> partial.load("exact.bin", new long[] {0, 1}));
        }
    }

    @Test
    void aChunkThatFailsVerificationIsNeverWritten() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 8);
        byte[] multi = Files.readAllBytes(source.resolve("multi.bin"));
        Path data = tmp.resolve("data");
        Path target = tmp.resolve("target");
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(data), new SimpleMeterRegistry())) {
            store.put("fn", "1", source);
            PartialFiles partial = store.fetch("fn", "1", target, "multi.bin"::equals);
            corrupt(data, Arrays.copyOfRange(multi, CHUNK, 2 * CHUNK));

            assertThrows(CorruptSnapshotException.class, () -> partial.load("multi.bin", new long[] {0, 2L * CHUNK}));

            assertArrayEquals(new byte[CHUNK], Arrays.copyOfRange(Files.readAllBytes(target.resolve("multi.bin")),
                    CHUNK, 2 * CHUNK), "the bad chunk's bytes were not written");
        }
    }

    @Test
    void prefetchedChunksAreReadOnceAndTheirFailuresReachOnlyTheirLoaders() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 9);
        byte[] multi = Files.readAllBytes(source.resolve("multi.bin"));
        Path data = tmp.resolve("data");
        Path target = tmp.resolve("target");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (SnapshotStore store = SnapshotStore.open(StoreConfig.defaults(data), registry)) {
            store.put("fn", "1", source);
            PartialFiles partial = store.fetch("fn", "1", target, "multi.bin"::equals);
            double before = chunkReads(registry);
            corrupt(data, Arrays.copyOfRange(multi, 3 * CHUNK, multi.length));

            // The last chunk first: prefetches keep the ranges' order, and its failure is nobody's until loaded.
            partial.prefetch("multi.bin", new long[] {3L * CHUNK, 3L * CHUNK + 1, 0, 2L * CHUNK});
            partial.load("multi.bin", new long[] {0, 2L * CHUNK});

            byte[] now = Files.readAllBytes(target.resolve("multi.bin"));
            assertArrayEquals(Arrays.copyOfRange(multi, 0, 2 * CHUNK), Arrays.copyOfRange(now, 0, 2 * CHUNK));
            assertThrows(CorruptSnapshotException.class, () -> partial.load("multi.bin", new long[] {3L * CHUNK,
                    3L * CHUNK + 1}));
            assertArrayEquals(new byte[multi.length - 3 * CHUNK], Arrays.copyOfRange(now, 3 * CHUNK, multi.length),
                    "the bad chunk's bytes were not written");
            partial.load("multi.bin", new long[] {0, 3L * CHUNK});
            assertEquals(3, chunkReads(registry) - before, "each good chunk was read once, however often asked");
        }
    }

    /** Flips a byte of every stored copy of the chunk holding {@code plaintext}. */
    private static void corrupt(Path data, byte[] plaintext) throws Exception {
        String id = TestTrees.sha256(plaintext);
        for (String file : TestTrees.files(data)) {
            if (file.endsWith("/" + id)) {
                TestTrees.flipByte(data.resolve(file));
            }
        }
    }

    private static double chunkReads(SimpleMeterRegistry registry) {
        return registry.find("thaw_store_chunk_hits").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
