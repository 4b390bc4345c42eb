package dev.thaw.worker;

import dev.thaw.worker.sandbox.RestoreTiming;
import dev.thaw.snapshot.LazyMemory;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;

/**
 * Cold starts as metrics: {@code thaw.coldstart} by kind (restore, on-demand, fallback: on demand after a failed
 * restore) and {@code thaw.restore.phase} by phase (fetch, prepare, engine, hooks), so the operator sees where restore
 * time goes; {@code thaw.restore.pages} by how the pages of a lazily restored copy's image were loaded by the end of
 * its first invocation (eager: before it resumed; prefetched: before it resumed, as the snapshot's working set;
 * faulted: when touched; rest: in the background, or later); {@code thaw.environment.pss} by how the environment
 * started, at the end of its first invocation.
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

    void pagesLoaded(LazyMemory.PageCounts counts) {
        pages("eager", counts.eager());
        pages("prefetched", counts.prefetched());
        pages("faulted", counts.faulted());
        pages("background", counts.background());
        pages("rest", counts.rest());
    }

    private void pages(String how, long pages) {
        DistributionSummary.builder("thaw.restore.pages").description("Pages of a restored copy's image by how they "
                + "were loaded by the end of its first invocation").tag("how", how).register(registry).record(pages);
    }

    void firstInvocationMemory(boolean restored, long proportionalSetBytes) {
        DistributionSummary.builder("thaw.environment.pss").description("Proportional set size of an environment's "
                        + "JVM at the end of its first invocation").baseUnit("bytes")
                .tag("start", restored ? "restore" : "on-demand").register(registry).record(proportionalSetBytes);
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
