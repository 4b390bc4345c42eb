package dev.thaw.worker.sandbox;

/**
 * Where the time of one restore went before the runtime got control back.
 *
 * @param fetchNanos   fetching the snapshot's files from the store (every chunk verified, decrypted, decompressed)
 * @param prepareNanos setting up the sandbox around them (its /tmp, its memory cgroup)
 * @param engineNanos  the snapshot engine restoring the process tree
 */
public record RestoreTiming(long fetchNanos, long prepareNanos, long engineNanos) {
}
