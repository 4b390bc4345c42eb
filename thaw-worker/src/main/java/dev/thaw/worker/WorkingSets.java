package dev.thaw.worker;

import dev.thaw.snapshot.MemoryPlan;
import dev.thaw.snapshot.WorkingSet;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What lazily restored copies of each snapshot touched from their restore until their first invocation ended, so
 * later restores load it before the copy resumes. The record starts with the first copy and is refined by the next
 * few (a copy faults only on pages not yet prefetched nor filled in the background, so one copy sees a part); then
 * it is kept, with the snapshot ({@link WorkingSetRecords}), for this server's later runs and every other.
 */
final class WorkingSets {

    /** Copies whose touches refine a snapshot's record. */
    static final int LEARNING_COPIES = 3;

    private record SnapshotKey(String function, String snapshotId) {
    }

    private record Learned(WorkingSet pages, int copies) {

        static final Learned NOTHING = new Learned(WorkingSet.NONE, 0);

        boolean finished() {
            return copies >= LEARNING_COPIES;
        }
    }

    private final WorkingSetRecords records;
    private final ConcurrentMap<SnapshotKey, Learned> learned = new ConcurrentHashMap<>();

    WorkingSets(WorkingSetRecords records) {
        this.records = records;
    }

    /** How to restore a copy of the snapshot lazily: with what is known of its working set. */
    MemoryPlan lazyPlan(String function, String snapshotId) {
        return MemoryPlan.lazy(known(new SnapshotKey(function, snapshotId)).pages());
    }

    /** A copy of the snapshot touched {@code pages} by the end of its first invocation. */
    void touched(String function, String snapshotId, WorkingSet pages) {
        SnapshotKey key = new SnapshotKey(function, snapshotId);
        Learned before = known(key);
        if (before.finished()) {
            return;
        }
        boolean[] finishedNow = {false};
        learned.compute(key, (k, current) -> {
            Learned base = current == null ? before : current;
            if (base.finished()) {
                return base;
            }
            Learned next = new Learned(base.pages().union(pages), base.copies() + 1);
            finishedNow[0] = next.finished();
            return next;
        });
        if (finishedNow[0]) {
            // Written once, after the map is updated: the store's I/O never runs inside the map's lock.
            records.save(function, snapshotId, learned.get(key).pages());
        }
    }

    /** Whether the snapshot's record is still being refined. */
    boolean learning(String function, String snapshotId) {
        return !known(new SnapshotKey(function, snapshotId)).finished();
    }

    /** What is known of a snapshot; a record kept with it counts as finished. Read from the store once. */
    private Learned known(SnapshotKey key) {
        Learned known = learned.get(key);
        if (known != null) {
            return known;
        }
        Learned stored = records.load(key.function(), key.snapshotId())
                .map(pages -> new Learned(pages, LEARNING_COPIES)).orElse(Learned.NOTHING);
        Learned raced = learned.putIfAbsent(key, stored);
        return raced == null ? stored : raced;
    }
}
