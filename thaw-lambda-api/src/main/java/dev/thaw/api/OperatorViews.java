package dev.thaw.api;

import java.util.List;

/** What the server shows its operator beside the Lambda API: metrics, the snapshot store's figures, its own load. */
public interface OperatorViews {

    /** Every metric in the Prometheus text exposition format. */
    String prometheusMetrics();

    /** Per-function figures of the snapshot store (serialised as JSON). */
    List<?> storeStats() throws Exception;

    /** What this server holds now. */
    NodeFigures node();

    /**
     * @param environments          environments whose processes may exist: busy, idle or being stopped
     * @param localCacheBytes       bytes in the store's L1
     * @param preparedSnapshotBytes bytes of decrypted snapshots kept ready for restores
     */
    record NodeFigures(int environments, long localCacheBytes, long preparedSnapshotBytes) {
    }
}
