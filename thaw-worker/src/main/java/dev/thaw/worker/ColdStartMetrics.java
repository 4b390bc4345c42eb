package dev.thaw.worker;

import dev.thaw.worker.sandbox.RestoreTiming;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Cold starts as metrics: {@code thaw.coldstart} by kind (restore, on-demand, fallback: on demand after a failed
 * restore) and {@code thaw.restore.phase} by phase (fetch, prepare, engine, hooks), so the operator sees where restore
 * time goes.
 */
final class ColdStartMetrics {

    private final MeterRegistry registry;

    ColdStartMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void restored(RestoreTiming timing, long hooksNanos, long totalNanos) {
        phase("fetch", timing.fetchNanos());
        phase("prepare", timing.prepareNanos());
        phase("engine", timing.engineNanos());
        phase("hooks", hooksNanos);
        coldStart("restore", totalNanos);
    }

    void initialised(boolean afterFailedRestore, long initNanos) {
        coldStart(afterFailedRestore ? "fallback" : "on-demand", initNanos);
    }

    private void phase(String phase, long nanos) {
        Timer.builder("thaw.restore.phase").description("Time of one phase of restoring an environment")
                .tag("phase", phase).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void coldStart(String kind, long nanos) {
        Timer.builder("thaw.coldstart").description("Time from a cold start's beginning until its environment was "
                        + "ready to invoke").tag("kind", kind).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }
}
