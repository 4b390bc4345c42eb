package dev.thaw.store.tier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * L1: the worker's disk cache, bounded in bytes with least-recently-used eviction. It is only a cache, so it
 * never fails a read or a fill: an unreadable file is a miss, and a failed write (a full disk) evicts and skips.
 * Access order lives in memory and in the files' mtimes, so reopening rebuilds it from the directory.
 */
public final class LocalCacheTier implements Tier {
    private static final Logger LOG = LoggerFactory.getLogger(LocalCacheTier.class);

    private final DirectoryTier files;
    private final long maxBytes;
    /** key -> size, least recently used first. */
    private final LinkedHashMap<String, Long> index = new LinkedHashMap<>(256, 0.75f, true);
    private long totalBytes;

    private LocalCacheTier(DirectoryTier files, long maxBytes) {
        this.files = files;
        this.maxBytes = maxBytes;
    }

    public static LocalCacheTier open(Path root, long maxBytes) throws IOException {
        LocalCacheTier cache = new LocalCacheTier(new DirectoryTier("l1", root, false), maxBytes);
        cache.rebuildIndex();
        return cache;
    }

    @Override
    public String name() {
        return files.name();
    }

    public Path root() {
        return files.root();
    }

    public synchronized long totalBytes() {
        return totalBytes;
    }

    @Override
    public Optional<byte[]> get(String key) {
        synchronized (this) {
            if (index.get(key) == null) { // get, not containsKey: it marks the key as used
                return Optional.empty();
            }
        }
        Optional<byte[]> value;
        try {
            value = files.get(key);
        } catch (IOException e) {
            LOG.warn("L1 cannot read {}, dropping it: {}", key, e.toString());
            removeQuietly(List.of(key));
            return Optional.empty();
        }
        if (value.isEmpty()) {
            forget(List.of(key));
        } else {
            recordUse(key);
        }
        return value;
    }

    /** The mtime keeps the access order across restarts; losing one update only makes eviction less exact. */
    private void recordUse(String key) {
        try {
            Files.setLastModifiedTime(files.root().resolve(key), FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            LOG.debug("L1 cannot touch {} (evicted meanwhile?): {}", key, e.toString());
        }
    }

    @Override
    public void put(String key, byte[] value) {
        if (value.length > maxBytes) {
            return;
        }
        try {
            files.put(key, value);
        } catch (IOException e) {
            long toFree;
            synchronized (this) {
                toFree = Math.max(value.length, totalBytes / 10);
            }
            LOG.warn("L1 cannot write {} ({}); evicting {} bytes and not caching it", key, e.toString(), toFree);
            removeQuietly(evictDownTo(totalBytes() - toFree));
            return;
        }
        synchronized (this) {
            Long previous = index.put(key, (long) value.length);
            totalBytes += value.length - (previous == null ? 0 : previous);
        }
        removeQuietly(evictDownTo(maxBytes));
    }

    @Override
    public void delete(Collection<String> keys) throws IOException {
        forget(keys);
        files.delete(keys);
    }

    @Override
    public synchronized List<StoredObject> list(String prefix) {
        List<StoredObject> found = new ArrayList<>();
        for (Map.Entry<String, Long> entry : index.entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                found.add(new StoredObject(entry.getKey(), entry.getValue()));
            }
        }
        return found;
    }

    @Override
    public synchronized boolean exists(String key) {
        return index.containsKey(key);
    }

    @Override
    public void close() {
        files.close();
    }

    private synchronized void forget(Collection<String> keys) {
        for (String key : keys) {
            Long size = index.remove(key);
            if (size != null) {
                totalBytes -= size;
            }
        }
    }

    /** Takes least recently used keys out of the index until at most target bytes remain; answers them. */
    private synchronized List<String> evictDownTo(long target) {
        List<String> victims = new ArrayList<>();
        Iterator<Map.Entry<String, Long>> eldest = index.entrySet().iterator();
        while (totalBytes > target && eldest.hasNext()) {
            Map.Entry<String, Long> entry = eldest.next();
            victims.add(entry.getKey());
            totalBytes -= entry.getValue();
            eldest.remove();
        }
        return victims;
    }

    private void removeQuietly(List<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        forget(keys);
        try {
            files.delete(keys);
        } catch (IOException e) {
            LOG.warn("L1 cannot delete {} evicted files: {}", keys.size(), e.toString());
        }
    }

    private void rebuildIndex() throws IOException {
        record Cached(String key, long size, long mtime) {
        }
        List<Cached> cached = new ArrayList<>();
        for (StoredObject object : files.list("")) {
            FileTime mtime = Files.getLastModifiedTime(files.root().resolve(object.key()), LinkOption.NOFOLLOW_LINKS);
            cached.add(new Cached(object.key(), object.size(), mtime.toMillis()));
        }
        cached.sort(Comparator.comparingLong(Cached::mtime));
        synchronized (this) {
            for (Cached entry : cached) {
                index.put(entry.key(), entry.size());
                totalBytes += entry.size();
            }
        }
        removeQuietly(evictDownTo(maxBytes));
        LOG.debug("L1 at {}: {} objects, {} bytes", files.root(), cached.size(), totalBytes());
    }
}
