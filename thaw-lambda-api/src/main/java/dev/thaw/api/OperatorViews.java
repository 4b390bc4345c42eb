package dev.thaw.api;

import java.util.List;

/** What the server shows its operator beside the Lambda API: metrics and the snapshot store's figures. */
public interface OperatorViews {

    /** Every metric in the Prometheus text exposition format. */
    String prometheusMetrics();

    /** Per-function figures of the snapshot store (serialised as JSON). */
    List<?> storeStats() throws Exception;
}
