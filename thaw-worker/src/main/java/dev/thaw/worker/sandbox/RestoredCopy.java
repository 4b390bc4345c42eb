package dev.thaw.worker.sandbox;

import dev.thaw.snapshot.LazyMemory;

import java.util.Optional;

/**
 * What a restored sandbox knows of its restore.
 *
 * @param timing where the restore's time went
 * @param memory present when it was restored lazily: its memory's loader
 */
public record RestoredCopy(RestoreTiming timing, Optional<LazyMemory> memory) {
}
