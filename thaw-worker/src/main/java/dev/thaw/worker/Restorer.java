package dev.thaw.worker;

import dev.thaw.snapshot.MemoryLoading;
import dev.thaw.snapshot.MemoryPlan;
import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.worker.sandbox.SnapshotSource;

import java.time.Duration;

/**
 * What a cold start needs to restore an environment: the engine and its turns, where the snapshot's files come
 * from, the restore limit, when the copy's memory is loaded and the working sets learned for lazy restores, whom to
 * tell when a snapshot cannot be restored, and where cold starts are measured.
 */
record Restorer(SnapshotEngine engine, RestoreSlots slots, SnapshotSource snapshots, Duration timeout,
                MemoryLoading memory, WorkingSets workingSets, SnapshotRejections rejections,
                ColdStartMetrics metrics) {

    MemoryPlan plan(FunctionSpec spec) {
        return memory == MemoryLoading.LAZY ? workingSets.lazyPlan(spec.functionName(), spec.snapshotId())
                : MemoryPlan.EAGER;
    }
}
