package dev.thaw.store;

import dev.thaw.store.tier.BackoffTier;
import dev.thaw.store.tier.DirectoryTier;
import dev.thaw.store.tier.Durable;
import dev.thaw.store.tier.LocalCacheTier;
import dev.thaw.store.tier.RedisTier;
import dev.thaw.store.tier.S3Tier;
import dev.thaw.store.tier.StoredObject;
import dev.thaw.store.tier.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The configured tiers: L1 always, L2 if a Redis is named, and the durable one. */
record Tiers(LocalCacheTier l1, Optional<Tier> l2, Durable durable) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tiers.class);

    static Tiers open(StoreConfig config) throws StoreException {
        Path storeDir = config.storeDir();
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Tier durable = config.s3().isPresent()
                    ? S3Tier.open(config.s3().get())
                    : new DirectoryTier("durable", storeDir.resolve("durable"), true);
            opened.add(durable);
            LocalCacheTier l1 = LocalCacheTier.open(storeDir.resolve("cache"), config.l1MaxBytes());
            opened.add(l1);
            Optional<Tier> l2 = config.redisUrl()
                    .map(url -> new BackoffTier(RedisTier.connect(url, config.redisTimeout())));
            return new Tiers(l1, l2, new Durable(durable));
        } catch (IOException | IllegalArgumentException e) {
            opened.forEach(Tiers::closeQuietly);
            throw new StoreException("cannot open the snapshot store under " + storeDir + ": " + e.getMessage(), e);
        }
    }

    /** The cache tiers, fastest first. */
    List<Tier> caches() {
        List<Tier> caches = new ArrayList<>(2);
        caches.add(l1);
        l2.ifPresent(caches::add);
        return caches;
    }

    /** Copies a verified stored object into cache tiers, slowest first; a cache that fails is only logged. */
    static void fill(List<Tier> caches, String key, byte[] stored) {
        for (Tier cache : caches.reversed()) {
            try {
                cache.put(key, stored);
            } catch (IOException e) {
                LOG.warn("cannot cache {} in {}: {}", key, cache.name(), e.toString());
            }
        }
    }

    /** A cache tier's objects under prefix; a cache that fails to answer is only logged. */
    static List<StoredObject> listCache(Tier cache, String prefix) {
        try {
            return cache.list(prefix);
        } catch (IOException e) {
            LOG.warn("cannot list {} in {}: {}", prefix, cache.name(), e.toString());
            return List.of();
        }
    }

    /** Deletes from a cache tier; what a failing cache keeps is removed by a later reconcile. */
    static void deleteFromCache(Tier cache, Collection<String> keys) {
        try {
            cache.delete(keys);
        } catch (IOException e) {
            LOG.warn("cannot delete {} objects from {}: {}", keys.size(), cache.name(), e.toString());
        }
    }

    @Override
    public void close() {
        l2.ifPresent(Tiers::closeQuietly);
        closeQuietly(l1);
        closeQuietly(durable.tier());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("closing {}: {}", closeable, e.toString());
        }
    }
}
