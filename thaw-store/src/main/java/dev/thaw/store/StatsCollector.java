package dev.thaw.store;

import dev.thaw.store.format.Chunks;
import dev.thaw.store.format.EntryType;
import dev.thaw.store.format.Manifest;
import dev.thaw.store.format.ManifestEntry;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.StoredObject;
import dev.thaw.store.tier.Tier;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Computes one function's storage use from its manifests and the tiers' listings. */
final class StatsCollector {
    private final Tiers tiers;
    private final Manifests manifests;

    StatsCollector(Tiers tiers, Manifests manifests) {
        this.tiers = tiers;
        this.manifests = manifests;
    }

    FunctionStats collect(String function) throws StoreException {
        List<Manifest> all = manifests.all(function);
        long raw = 0;
        long referencedPlaintext = 0;
        Map<String, Integer> uniquePlaintext = new HashMap<>();
        for (Manifest manifest : all) {
            for (ManifestEntry entry : manifest.entries()) {
                if (entry.type() != EntryType.FILE) {
                    continue;
                }
                raw += entry.size();
                for (int i = 0; i < entry.chunks().size(); i++) {
                    int size = Chunks.sizeOf(entry.size(), i);
                    referencedPlaintext += size;
                    uniquePlaintext.put(entry.chunks().get(i), size);
                }
            }
        }
        Map<String, Long> durableChunkSizes = new HashMap<>();
        for (StoredObject object : tiers.durable().list(ObjectKeys.chunkPrefix(function))) {
            durableChunkSizes.put(ObjectKeys.lastSegment(object.key()), object.size());
        }
        long unique = uniquePlaintext.values().stream().mapToLong(Integer::longValue).sum();
        long stored = uniquePlaintext.keySet().stream().mapToLong(id -> durableChunkSizes.getOrDefault(id, 0L)).sum();
        return new FunctionStats(function, all.size(), raw, stored,
                unique == 0 ? 1.0 : (double) referencedPlaintext / unique,
                stored == 0 ? 1.0 : (double) unique / stored,
                tierBytes(function));
    }

    private Map<String, Long> tierBytes(String function) throws StoreException {
        Map<String, Long> bytes = new HashMap<>(Map.of("l1", 0L, "l2", 0L));
        for (Tier cache : tiers.caches()) { // caches hold chunks only
            bytes.put(cache.name(), sum(Tiers.listCache(cache, ObjectKeys.chunkPrefix(function))));
        }
        bytes.put(TieredChunkReader.DURABLE, sum(tiers.durable().list(ObjectKeys.chunkPrefix(function)))
                + sum(tiers.durable().list(ObjectKeys.manifestPrefix(function)))
                + sum(tiers.durable().list(ObjectKeys.workingSetPrefix(function))));
        return Map.copyOf(bytes);
    }

    private static long sum(List<StoredObject> objects) {
        return objects.stream().mapToLong(StoredObject::size).sum();
    }
}
