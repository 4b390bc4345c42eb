package dev.thaw.store;

import dev.thaw.store.format.Chunks;
import dev.thaw.store.format.ManifestEntry;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The files of a fetched snapshot that were left on disk at their full size but without their content (see
 * {@link SnapshotStore#fetch(String, String, Path, java.util.function.Predicate)}): {@link #load} brings in the
 * chunks a reader needs, {@link #prefetch} those it will need, each verified before it is written, each at most
 * once. Thread-safe: loaders of different chunks never wait for each other, loaders of one chunk share its read.
 */
public final class PartialFiles {

    /** One partial file: its chunks and, once a loader claimed one, the load of each. */
    private record File(Path path, List<String> chunks, AtomicReferenceArray<CompletableFuture<Void>> loads) {
        File(Path path, List<String> chunks) {
            this(path, chunks, new AtomicReferenceArray<>(chunks.size()));
        }
    }

    private final String function;
    private final SecretKey dataKey;
    private final TieredChunkReader reader;
    private final ExecutorService pool;
    private final Map<String, File> files;

    PartialFiles(String function, SecretKey dataKey, TieredChunkReader reader, ExecutorService pool, Path target,
                 List<ManifestEntry> entries) {
        this.function = function;
        this.dataKey = dataKey;
        this.reader = reader;
        this.pool = pool;
        Map<String, File> byPath = new HashMap<>();
        for (ManifestEntry entry : entries) {
            byPath.put(entry.path(), new File(target.resolve(entry.path()), entry.chunks()));
        }
        this.files = Map.copyOf(byPath);
    }

    /** The snapshot paths of the partial files. */
    public Set<String> paths() {
        return files.keySet();
    }

    /**
     * Writes the chunks of {@code path} that hold any byte of {@code ranges} ((start, end) byte offsets) and are not
     * in yet, in parallel on the store's I/O pool; returns once they are in. The first chunk no other loader claimed
     * is read by this thread, so a reader waiting for one chunk never queues behind a prefetch.
     *
     * @throws CorruptSnapshotException when the durable tier's copy of a chunk is bad or missing
     */
    public void load(String path, long[] ranges) throws StoreException {
        File file = file(path);
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        int own = -1;
        CompletableFuture<Void> ownClaim = null;
        for (int chunk : chunks(file, ranges)) {
            CompletableFuture<Void> claim = new CompletableFuture<>();
            CompletableFuture<Void> load = file.loads.compareAndExchange(chunk, null, claim);
            if (load == null) {
                load = claim;
                if (ownClaim == null) {
                    // The first unclaimed chunk is read by this thread, after the pool has the others.
                    own = chunk;
                    ownClaim = claim;
                } else {
                    int other = chunk;
                    pool.execute(() -> write(file, other, claim));
                }
            }
            waits.add(load);
        }
        if (ownClaim != null) {
            write(file, own, ownClaim);
        }
        for (CompletableFuture<Void> wait : waits) {
            await(wait, path);
        }
    }

    /**
     * Starts loading the chunks of {@code path} that hold {@code ranges}, in their order, on the store's I/O pool,
     * and returns at once. A chunk that fails to load fails whoever later {@link #load}s it; one nobody loads only
     * cost time.
     */
    public void prefetch(String path, long[] ranges) {
        File file = file(path);
        for (int chunk : chunks(file, ranges)) {
            CompletableFuture<Void> claim = new CompletableFuture<>();
            if (file.loads.compareAndSet(chunk, null, claim)) {
                pool.execute(() -> write(file, chunk, claim));
            }
        }
    }

    private File file(String path) {
        File file = files.get(path);
        if (file == null) {
            throw new IllegalArgumentException(path + " is not a partial file of the snapshot");
        }
        return file;
    }

    /** The chunks holding any byte of {@code ranges}, in the order the ranges name them. */
    private static Set<Integer> chunks(File file, long[] ranges) {
        int count = file.chunks.size();
        Set<Integer> chunks = new LinkedHashSet<>();
        for (int i = 0; i + 1 < ranges.length; i += 2) {
            if (ranges[i + 1] > ranges[i]) {
                long last = Math.min(count, (ranges[i + 1] - 1) / Chunks.SIZE + 1);
                for (long chunk = Math.min(count, ranges[i] / Chunks.SIZE); chunk < last; chunk++) {
                    chunks.add((int) chunk);
                }
            }
        }
        return chunks;
    }

    /** Reads, verifies and writes one chunk, then completes its claim with the outcome. */
    private void write(File file, int chunk, CompletableFuture<Void> claim) {
        try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            byte[] plaintext = reader.read(function, file.chunks.get(chunk), dataKey).plaintext();
            ByteBuffer buffer = ByteBuffer.wrap(plaintext);
            long offset = (long) chunk * Chunks.SIZE;
            while (buffer.hasRemaining()) {
                channel.write(buffer, offset + buffer.position());
            }
            claim.complete(null);
        } catch (StoreException | IOException | RuntimeException e) {
            claim.completeExceptionally(e);
        }
    }

    private void await(CompletableFuture<Void> load, String path) throws StoreException {
        String what = "loading a chunk of " + function + "/" + path;
        try {
            load.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(what + ": interrupted", new InterruptedIOException("interrupted"));
        } catch (ExecutionException | CompletionException e) {
            if (e.getCause() instanceof StoreException cause) {
                throw cause;
            }
            throw new StoreException(what + ": " + e.getCause(), e.getCause());
        }
    }
}
