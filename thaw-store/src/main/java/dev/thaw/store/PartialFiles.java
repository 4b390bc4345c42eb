package dev.thaw.store;

import dev.thaw.store.format.Chunks;
import dev.thaw.store.format.ManifestEntry;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The files of a fetched snapshot that were left on disk at their full size but without their content (see
 * {@link SnapshotStore#fetch(String, String, Path, java.util.function.Predicate)}): {@link #load} brings in the
 * chunks a reader needs, each verified before it is written, each at most once. Thread-safe.
 */
public final class PartialFiles {
    private static final int IN_FLIGHT = 16;

    /** One partial file: its chunks and which of them are in. */
    private static final class File {
        final Path path;
        final List<String> chunks;
        final boolean[] loaded;

        File(Path path, List<String> chunks) {
            this.path = path;
            this.chunks = chunks;
            this.loaded = new boolean[chunks.size()];
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
     * in yet, reading them in parallel through the tiers.
     *
     * @throws CorruptSnapshotException when the durable tier's copy of a chunk is bad or missing
     */
    public void load(String path, long[] ranges) throws StoreException {
        File file = files.get(path);
        if (file == null) {
            throw new IllegalArgumentException(path + " is not a partial file of the snapshot");
        }
        List<Integer> wanted = new ArrayList<>();
        synchronized (file) {
            BitSet chunks = new BitSet(file.chunks.size());
            for (int i = 0; i + 1 < ranges.length; i += 2) {
                if (ranges[i + 1] > ranges[i]) {
                    chunks.set((int) Math.min(file.chunks.size(), ranges[i] / Chunks.SIZE),
                            (int) Math.min(file.chunks.size(), (ranges[i + 1] - 1) / Chunks.SIZE + 1));
                }
            }
            chunks.stream().filter(chunk -> !file.loaded[chunk]).forEach(wanted::add);
            if (wanted.isEmpty()) {
                return;
            }
            // Under the file's lock: two loaders never write one chunk, and none returns before its chunks are in.
            String what = "loading " + wanted.size() + " chunks of " + function + "/" + path;
            try (FileChannel channel = FileChannel.open(file.path, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS)) {
                if (wanted.size() == 1) {
                    write(channel, wanted.getFirst(), file);
                } else {
                    TaskGroup reads = new TaskGroup(pool, IN_FLIGHT);
                    for (int chunk : wanted) {
                        reads.submit(() -> write(channel, chunk, file));
                    }
                    reads.awaitAll(what);
                }
            } catch (IOException e) {
                throw new StoreException(what + ": " + e, e);
            }
            for (int chunk : wanted) {
                file.loaded[chunk] = true;
            }
        }
    }

    private void write(FileChannel channel, int chunk, File file) throws StoreException, IOException {
        byte[] plaintext = reader.read(function, file.chunks.get(chunk), dataKey).plaintext();
        ByteBuffer buffer = ByteBuffer.wrap(plaintext);
        long offset = (long) chunk * Chunks.SIZE;
        while (buffer.hasRemaining()) {
            channel.write(buffer, offset + buffer.position());
        }
    }
}
