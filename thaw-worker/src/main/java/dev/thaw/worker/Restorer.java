package dev.thaw.worker;

import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.worker.sandbox.SnapshotSource;
import dev.thaw.snapshot.MemoryLoading;

import java.time.Duration;

/**
 * What a cold start needs to restore an environment: the engine, where the snapshot's files come from, the
 * restore limit, when the copy's memory is loaded, whom to tell when a snapshot cannot be restored, and where cold
 * starts are measured.
 */
record Restorer(SnapshotEngine engine, SnapshotSource snapshots, Duration timeout, MemoryLoading memory,
                SnapshotRejections rejections, ColdStartMetrics metrics) {
}
