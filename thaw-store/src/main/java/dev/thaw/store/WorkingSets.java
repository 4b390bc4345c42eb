package dev.thaw.store;

import dev.thaw.store.crypto.Aad;
import dev.thaw.store.crypto.CompressedSeal;
import dev.thaw.store.crypto.DataKeyRing;
import dev.thaw.store.crypto.IntegrityException;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.Durable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Each snapshot's working-set record: bytes the store does not interpret, compressed and sealed with the
 * function's data key, bound to {@code working-set:<function>/<snapshotId>}. Like manifests they live in the
 * durable tier only, so an overwrite or a deletion is seen by every worker. A record is only a hint for prefetching:
 * one that fails authentication is deleted and reads as absent, costing a restore time rather than failing it.
 */
final class WorkingSets {
    /** Records are a few hundred KB; the bound keeps a damaged length field from inflating a huge buffer. */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(WorkingSets.class);

    private final Durable durable;
    private final DataKeyRing keys;

    WorkingSets(Durable durable, DataKeyRing keys) {
        this.durable = durable;
        this.keys = keys;
    }

    static byte[] requireSize(byte[] record) {
        if (record.length > MAX_BYTES) {
            throw new IllegalArgumentException("a working set holds at most " + MAX_BYTES + " bytes, not "
                    + record.length);
        }
        return record;
    }

    /** Stores or replaces the record; the caller has checked its size and that the snapshot exists. */
    void write(String function, String snapshotId, byte[] record) throws StoreException {
        byte[] sealed = CompressedSeal.seal(keys.existing(function), record, Aad.workingSet(function, snapshotId));
        durable.put(ObjectKeys.workingSet(function, snapshotId), sealed);
    }

    /** The record, or empty when there is none or the stored one fails authentication (it is then deleted). */
    Optional<byte[]> read(String function, String snapshotId) throws StoreException {
        String key = ObjectKeys.workingSet(function, snapshotId);
        Optional<byte[]> sealed = durable.get(key);
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompressedSeal.open(keys.existing(function), sealed.get(),
                    Aad.workingSet(function, snapshotId), MAX_BYTES));
        } catch (IntegrityException e) {
            // An overwrite racing this delete is lost too; the worker then learns the working set again.
            LOG.warn("working set of snapshot {}/{} fails authentication (altered, moved from another snapshot or"
                    + " sealed under another key); deleting it: {}", function, snapshotId, e.getMessage());
            durable.delete(List.of(key));
            return Optional.empty();
        }
    }

    /** Snapshots of the function that have a record. */
    List<String> snapshotIds(String function) throws StoreException {
        return durable.list(ObjectKeys.workingSetPrefix(function)).stream()
                .map(object -> ObjectKeys.lastSegment(object.key())).toList();
    }

    /** Deletes the records of those snapshots that have one. */
    void delete(String function, Collection<String> snapshotIds) throws StoreException {
        durable.delete(snapshotIds.stream().map(id -> ObjectKeys.workingSet(function, id)).toList());
    }
}
