package dev.thaw.worker.sandbox;

import dev.thaw.snapshot.LazyMemory;

import java.util.Map;
import java.util.Optional;

/**
 * What a restored sandbox knows of its restore.
 *
 * @param timing where the restore's time went
 * @param memory present when it was restored lazily: its memory's loader
 * @param environment the environment variables whose values this copy has anew, which its runtime takes over
 *                    before the afterRestore hooks run
 */
public record RestoredCopy(RestoreTiming timing, Optional<LazyMemory> memory, Map<String, String> environment) {
}
