package dev.thaw.store;

import dev.thaw.store.crypto.ChunkCodec;
import dev.thaw.store.crypto.DataKeyRing;
import dev.thaw.store.format.Chunks;
import dev.thaw.store.format.Manifest;
import dev.thaw.store.format.ManifestEntry;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.fs.DirectoryScanner;
import dev.thaw.store.fs.ScannedEntry;
import dev.thaw.store.tier.StoredObject;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Put: cuts the directory's files into chunks, uploads the chunks the function does not have yet (durable tier
 * first, then the caches), and writes the manifest last, so a snapshot exists only once all its chunks do.
 */
final class SnapshotWriter {
    /** Chunks being compressed, encrypted or uploaded at once: bounds a put's memory to about 16 MiB. */
    private static final int IN_FLIGHT = 32;

    private final Tiers tiers;
    private final Manifests manifests;
    private final DataKeyRing keys;
    private final ExecutorService pool;

    SnapshotWriter(Tiers tiers, Manifests manifests, DataKeyRing keys, ExecutorService pool) {
        this.tiers = tiers;
        this.manifests = manifests;
        this.keys = keys;
        this.pool = pool;
    }

    PutResult put(String function, String snapshotId, Path dir) throws StoreException {
        long start = System.nanoTime();
        if (!Files.isDirectory(dir)) {
            throw new StoreException("cannot store " + dir + " as snapshot " + function + "/" + snapshotId
                    + ": not a directory");
        }
        SecretKey dataKey = keys.getOrCreate(function);
        Set<String> stored = new HashSet<>();
        for (StoredObject object : tiers.durable().list(ObjectKeys.chunkPrefix(function))) {
            stored.add(ObjectKeys.lastSegment(object.key()));
        }
        Set<String> distinct = new HashSet<>();
        AtomicLong uploadedBytes = new AtomicLong();
        TaskGroup uploads = new TaskGroup(pool, IN_FLIGHT);
        List<ManifestEntry> entries = new ArrayList<>();
        try {
            for (ScannedEntry entry : DirectoryScanner.scan(dir)) {
                entries.add(switch (entry.type()) {
                    case DIRECTORY -> ManifestEntry.directory(entry.path(), entry.mode(), entry.mtimeNanos());
                    case SYMLINK -> ManifestEntry.symlink(entry.path(), entry.mtimeNanos(), entry.linkTarget());
                    case FILE -> {
                        List<String> ids = new ArrayList<>();
                        long size = Chunks.split(entry.source(), chunk -> {
                            String id = Chunks.id(chunk);
                            ids.add(id);
                            if (distinct.add(id) && !stored.contains(id)) {
                                uploads.submit(() -> uploadedBytes.addAndGet(upload(function, id, chunk, dataKey)));
                            }
                        });
                        yield ManifestEntry.file(entry.path(), entry.mode(), entry.mtimeNanos(), size, ids);
                    }
                });
            }
        } catch (IOException e) {
            uploads.awaitAll("storing snapshot " + function + "/" + snapshotId);
            throw new StoreException("cannot read " + dir + " for snapshot " + function + "/" + snapshotId + ": "
                    + e, e);
        }
        uploads.awaitAll("storing a chunk of snapshot " + function + "/" + snapshotId);
        Manifest manifest = Manifest.of(function, snapshotId, entries);
        long manifestBytes = manifests.write(manifest, dataKey);
        return new PutResult(manifest.rawBytes(), uploadedBytes.get() + manifestBytes, distinct.size(),
                uploads.submitted(), Duration.ofNanos(System.nanoTime() - start));
    }

    private int upload(String function, String chunkId, byte[] plaintext, SecretKey dataKey) throws StoreException {
        byte[] stored = ChunkCodec.encode(function, chunkId, plaintext, dataKey);
        String key = ObjectKeys.chunk(function, chunkId);
        tiers.durable().put(key, stored);
        Tiers.fill(tiers.caches(), key, stored);
        return stored.length;
    }
}
