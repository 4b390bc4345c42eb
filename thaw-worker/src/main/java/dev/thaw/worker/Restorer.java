package dev.thaw.worker;

import dev.thaw.snapshot.SnapshotEngine;
import dev.thaw.store.SnapshotStore;

import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * What a cold start needs to restore an environment: the engine, the store the snapshot is fetched from, the
 * restore limit, whom to tell (function name, version) when a snapshot cannot be restored, and where cold starts
 * are measured.
 */
record Restorer(SnapshotEngine engine, SnapshotStore store, Duration timeout, BiConsumer<String, String> rejections,
                ColdStartMetrics metrics) {
}
