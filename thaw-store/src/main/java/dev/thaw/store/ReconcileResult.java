package dev.thaw.store;

/**
 * What a reconcile removed.
 *
 * @param chunksRemoved      distinct chunk objects removed from at least one tier
 * @param workingSetsRemoved working-set records removed: those of removed snapshots, and any whose snapshot is gone
 */
public record ReconcileResult(int manifestsRemoved, int chunksRemoved, int workingSetsRemoved) {
    public static final ReconcileResult NOTHING = new ReconcileResult(0, 0, 0);

    public ReconcileResult plus(ReconcileResult other) {
        return new ReconcileResult(manifestsRemoved + other.manifestsRemoved, chunksRemoved + other.chunksRemoved,
                workingSetsRemoved + other.workingSetsRemoved);
    }
}
