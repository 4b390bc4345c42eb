package dev.thaw.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics} for Prometheus and {@code GET /thaw/store/stats} for {@code thaw store stats}: outside the
 * Lambda API's paths, so no SDK request can reach them by accident, and signed like it.
 */
final class OperatorRoutes {

    static final String METRICS_PATH = "/metrics";

    private final OperatorViews views;

    OperatorRoutes(OperatorViews views) {
        this.views = views;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", METRICS_PATH, "Metrics", request -> metrics(views)),
                Route.of("GET", "/thaw/store/stats", "StoreStats", request -> {
                    try {
                        return ApiResponse.json(200, Map.of("Functions", views.storeStats()));
                    } catch (Exception e) {
                        throw new IllegalStateException("the snapshot store cannot be read", e);
                    }
                }));
    }

    /** The Prometheus text exposition of every metric. */
    static ApiResponse metrics(OperatorViews views) {
        return new ApiResponse(200, Map.of("Content-Type", "text/plain; version=0.0.4; charset=utf-8"),
                views.prometheusMetrics().getBytes(StandardCharsets.UTF_8));
    }
}
