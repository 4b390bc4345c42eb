package dev.thaw.store;

import dev.thaw.store.crypto.DataKeyRing;
import dev.thaw.store.format.Manifest;
import dev.thaw.store.format.ManifestEntry;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.StoredObject;
import dev.thaw.store.tier.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Removes what no manifest needs, from every tier. Callers hold the function's exclusive lock. A chunk is kept
 * while any remaining manifest of its function references it; when a remaining manifest cannot be read, nothing
 * is collected, since its references are unknown.
 */
final class GarbageCollector {
    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);

    private final Tiers tiers;
    private final Manifests manifests;
    private final WorkingSets workingSets;
    private final DataKeyRing keys;

    GarbageCollector(Tiers tiers, Manifests manifests, WorkingSets workingSets, DataKeyRing keys) {
        this.tiers = tiers;
        this.manifests = manifests;
        this.workingSets = workingSets;
        this.keys = keys;
    }

    /**
     * Deletes the snapshot's working set and manifest, then the chunks only it referenced; answers how many chunks
     * went. The record goes first so that a delete cut short never leaves one without its snapshot.
     */
    int deleteSnapshot(String function, String snapshotId) throws StoreException {
        workingSets.delete(function, List.of(snapshotId));
        manifests.delete(function, List.of(snapshotId));
        return collectChunks(function);
    }

    /**
     * Deletes the function's manifests other than live and the working sets of snapshots not kept, then its
     * unreferenced chunks; purges the function when no manifest is left.
     */
    ReconcileResult reconcile(String function, Set<String> live) throws StoreException {
        List<String> ids = manifests.snapshotIds(function);
        List<String> stale = ids.stream().filter(id -> !live.contains(id)).toList();
        Set<String> missing = new TreeSet<>(live);
        ids.forEach(missing::remove);
        if (!missing.isEmpty()) {
            LOG.warn("reconcile: live snapshots of {} are not in the store: {}", function, missing);
        }
        if (stale.size() == ids.size()) {
            return purgeFunction(function);
        }
        Set<String> kept = new HashSet<>(ids);
        stale.forEach(kept::remove);
        // Also catches records whose manifest was removed by other means: nothing reads them any more.
        List<String> unkept = workingSets.snapshotIds(function).stream().filter(id -> !kept.contains(id)).toList();
        workingSets.delete(function, unkept);
        manifests.delete(function, stale);
        return new ReconcileResult(stale.size(), collectChunks(function), unkept.size());
    }

    /** Deletes every object of the function from every tier, its data key last; answers what went. */
    ReconcileResult purgeFunction(String function) throws StoreException {
        Set<String> removed = new HashSet<>();
        for (Tier cache : tiers.caches()) {
            List<String> cached = keysOf(Tiers.listCache(cache, ObjectKeys.chunkPrefix(function)));
            Tiers.deleteFromCache(cache, cached);
            removed.addAll(cached);
        }
        List<String> records = workingSets.snapshotIds(function);
        workingSets.delete(function, records);
        List<String> snapshots = manifests.snapshotIds(function);
        manifests.delete(function, snapshots);
        List<String> durableChunks = keysOf(tiers.durable().list(ObjectKeys.chunkPrefix(function)));
        tiers.durable().delete(durableChunks);
        removed.addAll(durableChunks);
        // Chunks without their key can never be read again, so the key goes only once they are gone.
        tiers.durable().delete(List.of(ObjectKeys.dataKey(function)));
        keys.forget(function);
        return new ReconcileResult(snapshots.size(), removed.size(), records.size());
    }

    /** Functions with anything in any tier. */
    Set<String> functions() throws StoreException {
        Set<String> functions = new TreeSet<>(manifests.functions());
        for (Tier cache : tiers.caches()) {
            for (StoredObject object : Tiers.listCache(cache, ObjectKeys.CHUNKS)) {
                functions.add(ObjectKeys.functionOf(object.key()));
            }
        }
        return functions;
    }

    /**
     * Deletes from L1 alone the function's chunks that none of the {@code live} snapshots references; answers how
     * many went. For a server sharing the other tiers: another one deleted the snapshots that held them.
     */
    int dropFromLocalCache(String function, Set<String> live) throws StoreException {
        List<Manifest> kept = new ArrayList<>();
        for (String snapshotId : live) {
            if (manifests.exists(function, snapshotId)) {
                kept.add(manifests.read(function, snapshotId));
            }
        }
        Set<String> referenced = referencedChunks(function, kept);
        List<String> garbage = unreferenced(Tiers.listCache(tiers.l1(), ObjectKeys.chunkPrefix(function)), referenced);
        Tiers.deleteFromCache(tiers.l1(), garbage);
        return garbage.size();
    }

    /** How many chunks of each function L1 holds. */
    Map<String, Integer> locallyCachedChunks() {
        Map<String, Integer> counts = new TreeMap<>();
        for (StoredObject object : Tiers.listCache(tiers.l1(), ObjectKeys.CHUNKS)) {
            counts.merge(ObjectKeys.functionOf(object.key()), 1, Integer::sum);
        }
        return counts;
    }

    private int collectChunks(String function) throws StoreException {
        Set<String> referenced = referencedChunks(function, manifests.all(function));
        String prefix = ObjectKeys.chunkPrefix(function);
        Set<String> removed = new HashSet<>();
        for (Tier cache : tiers.caches()) {
            List<String> garbage = unreferenced(Tiers.listCache(cache, prefix), referenced);
            Tiers.deleteFromCache(cache, garbage);
            removed.addAll(garbage);
        }
        List<String> garbage = unreferenced(tiers.durable().list(prefix), referenced);
        tiers.durable().delete(garbage);
        removed.addAll(garbage);
        return removed.size();
    }

    /** The keys of every chunk the manifests name. */
    private static Set<String> referencedChunks(String function, List<Manifest> manifests) {
        Set<String> referenced = new HashSet<>();
        for (Manifest manifest : manifests) {
            for (ManifestEntry entry : manifest.entries()) {
                entry.chunks().forEach(id -> referenced.add(ObjectKeys.chunk(function, id)));
            }
        }
        return referenced;
    }

    private static List<String> unreferenced(List<StoredObject> objects, Set<String> referenced) {
        return objects.stream().map(StoredObject::key).filter(key -> !referenced.contains(key)).toList();
    }

    private static List<String> keysOf(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }
}
