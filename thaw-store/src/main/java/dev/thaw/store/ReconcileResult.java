package dev.thaw.store;

/**
 * What a reconcile removed.
 *
 * @param chunksRemoved distinct chunk objects removed from at least one tier
 */
public record ReconcileResult(int manifestsRemoved, int chunksRemoved) {
}
