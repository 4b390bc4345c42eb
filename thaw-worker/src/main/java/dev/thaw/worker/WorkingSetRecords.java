package dev.thaw.worker;

import dev.thaw.snapshot.WorkingSet;
import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Where a snapshot's finished working-set record outlives the server: with the snapshot, in the store, sealed like
 * its manifest. A record that cannot be read or written only costs later restores their prefetch.
 */
interface WorkingSetRecords {

    Optional<WorkingSet> load(String function, String snapshotId);

    void save(String function, String snapshotId, WorkingSet record);

    static WorkingSetRecords in(SnapshotStore store) {
        Logger log = LoggerFactory.getLogger(WorkingSetRecords.class);
        return new WorkingSetRecords() {
            @Override
            public Optional<WorkingSet> load(String function, String snapshotId) {
                try {
                    Optional<byte[]> bytes = store.workingSet(function, snapshotId);
                    return bytes.isEmpty() ? Optional.empty() : Optional.of(WorkingSet.fromBytes(bytes.get()));
                } catch (StoreException | WorkingSet.UnreadableException e) {
                    log.warn("cannot read the working set of snapshot {} of {}: {}", snapshotId, function,
                            e.getMessage());
                    return Optional.empty();
                }
            }

            @Override
            public void save(String function, String snapshotId, WorkingSet record) {
                try {
                    store.putWorkingSet(function, snapshotId, record.toBytes());
                    log.info("recorded the working set of snapshot {} of {}: {} pages", snapshotId, function,
                            record.pageCount());
                } catch (StoreException e) {
                    log.warn("cannot keep the working set of snapshot {} of {}: {}", snapshotId, function,
                            e.getMessage());
                }
            }
        };
    }
}
