package dev.thaw.store;

import dev.thaw.store.crypto.DataKeyRing;
import dev.thaw.store.format.Chunks;
import dev.thaw.store.format.EntryType;
import dev.thaw.store.format.Manifest;
import dev.thaw.store.format.ManifestEntry;
import dev.thaw.store.fs.StagedTarget;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;

/**
 * Fetch: reads the manifest, then every distinct chunk once, in parallel, writing each verified chunk to all
 * the places that hold it in a staging directory that becomes the target's content only when all are done.
 * Files a fetch leaves partial are created at their size only; their chunks come later ({@link PartialFiles}).
 */
final class SnapshotReader {
    private static final int IN_FLIGHT = 32;

    private record Placement(String path, long offset) {
    }

    private final Manifests manifests;
    private final DataKeyRing keys;
    private final TieredChunkReader chunks;
    private final ExecutorService pool;

    SnapshotReader(Manifests manifests, DataKeyRing keys, TieredChunkReader chunks, ExecutorService pool) {
        this.manifests = manifests;
        this.keys = keys;
        this.chunks = chunks;
        this.pool = pool;
    }

    /** A fetch's result and the files it left for later ({@link PartialFiles}). */
    record Fetched(FetchResult result, PartialFiles partial) {
    }

    /** Fetches every file; those {@code partial} selects only at their size, their chunks left to load later. */
    Fetched fetch(String function, String snapshotId, Path target, Predicate<String> partial) throws StoreException {
        long start = System.nanoTime();
        Manifest manifest = manifests.read(function, snapshotId);
        SecretKey dataKey = keys.existing(function);
        List<ManifestEntry> partialFiles = manifest.entries().stream()
                .filter(entry -> entry.type() == EntryType.FILE && partial.test(entry.path())).toList();
        Map<String, List<Placement>> placements = placements(manifest, partialFiles);
        Map<String, Integer> byTier = new ConcurrentHashMap<>(
                Map.of("l1", 0, "l2", 0, TieredChunkReader.DURABLE, 0));
        String what = "restoring snapshot " + function + "/" + snapshotId + " into " + target;
        try (StagedTarget staged = StagedTarget.create(target)) {
            staged.prepare(manifest.entries());
            for (ManifestEntry entry : partialFiles) {
                staged.reserve(entry.path(), entry.size());
            }
            TaskGroup reads = new TaskGroup(pool, IN_FLIGHT);
            for (Map.Entry<String, List<Placement>> chunk : placements.entrySet()) {
                reads.submit(() -> {
                    TieredChunkReader.Chunk read = chunks.read(function, chunk.getKey(), dataKey);
                    for (Placement placement : chunk.getValue()) {
                        staged.write(placement.path(), placement.offset(), read.plaintext());
                    }
                    byTier.merge(read.tier(), 1, Integer::sum);
                });
            }
            reads.awaitAll(what);
            staged.commit(manifest.entries());
        } catch (IOException e) {
            throw new StoreException(what + ": " + e, e);
        }
        long partialBytes = partialFiles.stream().mapToLong(ManifestEntry::size).sum();
        return new Fetched(new FetchResult(manifest.rawBytes() - partialBytes, placements.size(), Map.copyOf(byTier),
                Duration.ofNanos(System.nanoTime() - start)),
                new PartialFiles(function, dataKey, chunks, pool, target, partialFiles));
    }

    /** Chunk id -> where its plaintext goes; a chunk repeated within the snapshot is read once. */
    private static Map<String, List<Placement>> placements(Manifest manifest, List<ManifestEntry> partial) {
        Map<String, List<Placement>> placements = new LinkedHashMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            if (entry.type() == EntryType.FILE && !partial.contains(entry)) {
                for (int i = 0; i < entry.chunks().size(); i++) {
                    placements.computeIfAbsent(entry.chunks().get(i), id -> new ArrayList<>())
                            .add(new Placement(entry.path(), (long) i * Chunks.SIZE));
                }
            }
        }
        return placements;
    }
}
