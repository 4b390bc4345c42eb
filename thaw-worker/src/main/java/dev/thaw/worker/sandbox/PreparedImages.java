package dev.thaw.worker.sandbox;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Snapshots fetched from the store, verified once, and kept unpacked on memory-backed storage (/dev/shm when it
 * has room for them all, else the data directory), so that every cold
 * start after a worker's first one of a snapshot restores without fetching, decrypting or writing more than a copy
 * of its /tmp. Bounded by bytes, least recently used first out; a snapshot a restore is reading is never evicted.
 * Concurrent cold starts of one snapshot fetch it once.
 */
public final class PreparedImages implements SnapshotSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PreparedImages.class);
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final String PREFIX = "thaw-prepared-";
    private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");

    private final SnapshotStore store;
    private final Path root;
    private final long maxBytes;
    /** Access-ordered: the first entry is the least recently used. */
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();
    private long bytes;

    private static final class Entry {
        final Path dir;
        final long bytes;
        int readers;
        /** Its snapshot is gone: the entry goes once no restore reads it. */
        boolean doomed;

        Entry(Path dir, long bytes) {
            this.dir = dir;
            this.bytes = bytes;
        }
    }

    /** A prepared snapshot held for one restore; closed once the engine no longer reads the image. */
    private final class Lease implements Checkout {
        private final Entry entry;
        private boolean closed;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        @Override
        public SnapshotFiles files() {
            return new SnapshotFiles(entry.dir);
        }

        @Override
        public void close() {
            synchronized (PreparedImages.this) {
                if (!closed) {
                    closed = true;
                    entry.readers--;
                    if (entry.doomed && entry.readers == 0 && entries.values().remove(entry)) {
                        bytes -= entry.bytes;
                        FileTrees.delete(entry.dir);
                    }
                    evict();
                }
            }
        }
    }

    /**
     * @param dataDir  where the snapshots are kept when /dev/shm is not available
     * @param maxBytes how much they may take
     */
    public PreparedImages(SnapshotStore store, Path dataDir, long maxBytes) {
        this.store = store;
        this.maxBytes = maxBytes;
        Path base = fitsInSharedMemory(maxBytes) ? SHARED_MEMORY : dataDir;
        removeAbandoned(base);
        this.root = base.resolve(PREFIX + ProcessHandle.current().pid());
        try {
            // Decrypted snapshots: root's alone.
            FileTrees.createPrivateDirectory(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    /** What the prepared snapshots take. */
    public synchronized long bytes() {
        return bytes;
    }

    /** The snapshot, fetched from the store and verified unless it is prepared already. */
    @Override
    public Checkout checkout(String function, String snapshotId, Path environmentDir)
            throws StoreException, IOException {
        String key = function + "/" + snapshotId;
        synchronized (fetchLocks.computeIfAbsent(key, k -> new Object())) {
            synchronized (this) {
                Entry entry = entries.get(key);
                if (entry != null) {
                    entry.readers++;
                    return new Lease(entry);
                }
            }
            Path dir = root.resolve(UUID.randomUUID().toString());
            try {
                store.fetch(function, snapshotId, dir);
            } catch (StoreException | RuntimeException e) {
                FileTrees.delete(dir);
                throw e;
            }
            Entry entry = new Entry(dir, FileTrees.size(dir));
            synchronized (this) {
                entry.readers = 1;
                entries.put(key, entry);
                bytes += entry.bytes;
                evict();
            }
            LOG.info("prepared snapshot {} of {} for restores ({} MB)", snapshotId, function, entry.bytes >> 20);
            return new Lease(entry);
        }
    }

    /** Fetches a snapshot now, so that its first restore finds it prepared; a failure is only logged. */
    public void prepare(String function, String snapshotId) {
        try {
            checkout(function, snapshotId, root).close();
        } catch (StoreException | IOException | RuntimeException e) {
            LOG.warn("cannot prepare snapshot {} of {}: {}", snapshotId, function, e.toString());
        }
    }

    /**
     * Drops the prepared snapshots {@code live} (function to snapshot ids) does not name: of deleted versions and
     * functions, and replaced ones, which would otherwise stay here decrypted until evicted. One that a restore is
     * reading goes when the restore is done with it.
     */
    public void retainOnly(Map<String, Set<String>> live) {
        List<Path> removed = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, Entry> prepared = it.next();
                String[] key = prepared.getKey().split("/", 2);
                if (live.getOrDefault(key[0], Set.of()).contains(key[1])) {
                    continue;
                }
                Entry entry = prepared.getValue();
                if (entry.readers == 0) {
                    it.remove();
                    bytes -= entry.bytes;
                    removed.add(entry.dir);
                } else {
                    entry.doomed = true;
                }
            }
        }
        removed.forEach(FileTrees::delete);
        if (!removed.isEmpty()) {
            LOG.info("dropped {} prepared snapshots that are no longer kept", removed.size());
        }
    }

    /** Drops what no restore reads, oldest first, until the total fits. */
    private void evict() {
        List<Path> removed = new ArrayList<>();
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext() && bytes > maxBytes; ) {
            Entry entry = it.next();
            if (entry.readers == 0) {
                it.remove();
                bytes -= entry.bytes;
                removed.add(entry.dir);
            }
        }
        // Restored copies keep their bound runtime jar open; deleting the directory does not disturb them.
        removed.forEach(FileTrees::delete);
    }

    /** Containers often give /dev/shm a few MB only: then the data directory serves (from the page cache). */
    private static boolean fitsInSharedMemory(long maxBytes) {
        try {
            return Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                    && Files.getFileStore(SHARED_MEMORY).getUsableSpace() >= maxBytes;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes what workers that died without closing left behind. */
    private static void removeAbandoned(Path base) {
        try (Stream<Path> children = Files.list(base)) {
            for (Path child : children.toList()) {
                Matcher owned = OWNED.matcher(child.getFileName().toString());
                if (owned.matches() && ProcessHandle.of(Long.parseLong(owned.group(1))).isEmpty()) {
                    FileTrees.delete(child);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", base, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        entries.clear();
        bytes = 0;
        FileTrees.delete(root);
    }
}
