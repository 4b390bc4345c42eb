package dev.thaw.store;

import dev.thaw.store.crypto.ChunkCodec;
import dev.thaw.store.crypto.IntegrityException;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.SecretKey;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Reads one chunk through the tiers, fastest first, verifying each copy: a cache's bad copy is evicted and the
 * next tier asked; a good copy is written to the faster tiers that lacked it. Only the durable tier's failure
 * fails the read, and a bad durable copy is deleted so that the next put of that chunk uploads it again.
 */
final class TieredChunkReader {
    private static final Logger LOG = LoggerFactory.getLogger(TieredChunkReader.class);
    static final String DURABLE = "durable";

    /** A verified chunk and the tier that served it. */
    record Chunk(byte[] plaintext, String tier) {
    }

    private final Tiers tiers;
    private final StoreMetrics metrics;

    TieredChunkReader(Tiers tiers, StoreMetrics metrics) {
        this.tiers = tiers;
        this.metrics = metrics;
    }

    Chunk read(String function, String chunkId, SecretKey dataKey) throws StoreException {
        String key = ObjectKeys.chunk(function, chunkId);
        List<Tier> caches = tiers.caches();
        for (int i = 0; i < caches.size(); i++) {
            Tier cache = caches.get(i);
            long start = System.nanoTime();
            Optional<byte[]> stored = getFromCache(cache, key);
            if (stored.isEmpty()) {
                metrics.miss(cache.name());
                continue;
            }
            try {
                byte[] plaintext = ChunkCodec.decode(function, chunkId, stored.get(), dataKey);
                metrics.hit(cache.name(), System.nanoTime() - start);
                Tiers.fill(caches.subList(0, i), key, stored.get());
                return new Chunk(plaintext, cache.name());
            } catch (IntegrityException e) {
                metrics.corrupt(cache.name());
                LOG.warn("{} holds a bad copy of chunk {} of function {}, evicting it: {}", cache.name(), chunkId,
                        function, e.getMessage());
                Tiers.deleteFromCache(cache, List.of(key));
            }
        }
        long start = System.nanoTime();
        Optional<byte[]> stored = tiers.durable().get(key);
        if (stored.isEmpty()) {
            metrics.miss(DURABLE);
            throw new CorruptSnapshotException("chunk " + chunkId + " of function " + function
                    + " is missing from the durable tier");
        }
        byte[] plaintext;
        try {
            plaintext = ChunkCodec.decode(function, chunkId, stored.get(), dataKey);
        } catch (IntegrityException e) {
            metrics.corrupt(DURABLE);
            discardCorrupt(key);
            throw new CorruptSnapshotException("chunk " + chunkId + " of function " + function
                    + " fails verification in the durable tier: " + e.getMessage(), e);
        }
        metrics.hit(DURABLE, System.nanoTime() - start);
        Tiers.fill(caches, key, stored.get());
        return new Chunk(plaintext, DURABLE);
    }

    /**
     * A bad durable copy is worthless and, left in place, would pass for present: a snapshot made again would
     * reference it instead of uploading the chunk anew.
     */
    private void discardCorrupt(String key) {
        try {
            tiers.durable().delete(List.of(key));
        } catch (StoreException e) {
            LOG.warn("cannot delete the bad durable copy {}: {}", key, e.toString());
        }
    }

    private static Optional<byte[]> getFromCache(Tier cache, String key) {
        try {
            return cache.get(key);
        } catch (IOException e) {
            LOG.warn("cannot read {} from {}: {}", key, cache.name(), e.toString());
            return Optional.empty();
        }
    }
}
