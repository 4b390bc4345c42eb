package dev.thaw.store;

import dev.thaw.store.crypto.AesGcm;
import dev.thaw.store.crypto.Aad;
import dev.thaw.store.crypto.DataKeyRing;
import dev.thaw.store.crypto.IntegrityException;
import dev.thaw.store.format.InvalidManifestException;
import dev.thaw.store.format.Manifest;
import dev.thaw.store.format.ManifestCodec;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.Durable;
import dev.thaw.store.tier.StoredObject;

import javax.crypto.SecretKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Manifests, sealed with the function's data key and bound to {@code manifest:<function>/<snapshotId>}. They
 * live in the durable tier only: it alone says which snapshots exist, so a deletion anywhere is seen everywhere.
 */
final class Manifests {
    private final Durable durable;
    private final DataKeyRing keys;

    Manifests(Durable durable, DataKeyRing keys) {
        this.durable = durable;
        this.keys = keys;
    }

    /** Stores the manifest, which commits its snapshot; answers the stored size. */
    int write(Manifest manifest, SecretKey dataKey) throws StoreException {
        byte[] sealed = AesGcm.seal(dataKey, ManifestCodec.encode(manifest),
                Aad.manifest(manifest.function(), manifest.snapshotId()));
        durable.put(ObjectKeys.manifest(manifest.function(), manifest.snapshotId()), sealed);
        return sealed.length;
    }

    Manifest read(String function, String snapshotId) throws StoreException {
        Optional<byte[]> sealed = durable.get(ObjectKeys.manifest(function, snapshotId));
        if (sealed.isEmpty()) {
            throw new StoreException("no snapshot " + function + "/" + snapshotId + " in the durable tier");
        }
        try {
            byte[] json = AesGcm.open(keys.existing(function), sealed.get(), Aad.manifest(function, snapshotId));
            return ManifestCodec.decode(json, function, snapshotId);
        } catch (IntegrityException e) {
            throw new CorruptSnapshotException("manifest of snapshot " + function + "/" + snapshotId
                    + " fails authentication (truncated, altered, or sealed under another key): " + e.getMessage(), e);
        } catch (InvalidManifestException e) {
            throw new CorruptSnapshotException("manifest of snapshot " + function + "/" + snapshotId
                    + " is invalid: " + e.getMessage(), e);
        }
    }

    boolean exists(String function, String snapshotId) throws StoreException {
        return durable.exists(ObjectKeys.manifest(function, snapshotId));
    }

    List<String> snapshotIds(String function) throws StoreException {
        List<String> ids = new ArrayList<>();
        for (StoredObject object : durable.list(ObjectKeys.manifestPrefix(function))) {
            ids.add(ObjectKeys.lastSegment(object.key()));
        }
        return ids;
    }

    List<Manifest> all(String function) throws StoreException {
        List<Manifest> manifests = new ArrayList<>();
        for (String id : snapshotIds(function)) {
            manifests.add(read(function, id));
        }
        return manifests;
    }

    void delete(String function, List<String> snapshotIds) throws StoreException {
        durable.delete(snapshotIds.stream().map(id -> ObjectKeys.manifest(function, id)).toList());
    }

    /** Functions with a manifest or a data key in the durable tier. */
    Set<String> functions() throws StoreException {
        Set<String> functions = new TreeSet<>();
        for (String prefix : List.of(ObjectKeys.MANIFESTS, ObjectKeys.KEYS)) {
            for (StoredObject object : durable.list(prefix)) {
                functions.add(ObjectKeys.functionOf(object.key()));
            }
        }
        return functions;
    }
}
