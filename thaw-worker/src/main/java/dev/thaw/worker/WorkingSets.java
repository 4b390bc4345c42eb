package dev.thaw.worker;

import dev.thaw.snapshot.MemoryPlan;
import dev.thaw.snapshot.WorkingSet;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What lazily restored copies of each snapshot touched from their restore until their first invocation ended, so
 * later restores load it before the copy resumes. The record starts with the first copy and is refined by the next
 * few (a copy faults only on pages not yet prefetched nor filled in the background, so one copy sees a part); then
 * it is kept as it is.
 */
final class WorkingSets {

    /** Copies whose touches refine a snapshot's record. */
    static final int LEARNING_COPIES = 3;

    private record SnapshotKey(String function, String snapshotId) {
    }

    private record Learned(WorkingSet pages, int copies) {
    }

    private final ConcurrentMap<SnapshotKey, Learned> learned = new ConcurrentHashMap<>();

    /** How to restore a copy of the snapshot lazily: with what is known of its working set. */
    MemoryPlan lazyPlan(String function, String snapshotId) {
        Learned known = learned.get(new SnapshotKey(function, snapshotId));
        return MemoryPlan.lazy(known == null ? WorkingSet.NONE : known.pages());
    }

    /** A copy of the snapshot touched {@code pages} by the end of its first invocation. */
    void touched(String function, String snapshotId, WorkingSet pages) {
        learned.compute(new SnapshotKey(function, snapshotId), (key, known) -> {
            if (known == null) {
                return new Learned(pages, 1);
            }
            return known.copies() >= LEARNING_COPIES ? known
                    : new Learned(known.pages().union(pages), known.copies() + 1);
        });
    }

    /** Whether the snapshot's record is still being refined. */
    boolean learning(String function, String snapshotId) {
        Learned known = learned.get(new SnapshotKey(function, snapshotId));
        return known == null || known.copies() < LEARNING_COPIES;
    }
}
