package dev.thaw.store;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's meters: chunk hits, misses, corruptions and fetch latency per tier; put and fetch times; sizes per
 * function.
 */
final class StoreMetrics {
    private final MeterRegistry registry;
    private final Map<String, FunctionGauges> functions = new ConcurrentHashMap<>();

    private record FunctionGauges(AtomicLong raw, AtomicLong stored, List<Meter> meters) {
    }

    StoreMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void hit(String tier, long nanos) {
        registry.counter("thaw_store_chunk_hits", "tier", tier).increment();
        Timer.builder("thaw_store_chunk_fetch").tag("tier", tier).register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    void miss(String tier) {
        registry.counter("thaw_store_chunk_misses", "tier", tier).increment();
    }

    void corrupt(String tier) {
        registry.counter("thaw_store_chunk_corrupt", "tier", tier).increment();
    }

    void fetched(long nanos) {
        registry.timer("thaw_store_fetch").record(nanos, TimeUnit.NANOSECONDS);
    }

    void put(long nanos) {
        registry.timer("thaw_store_put").record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Updates the function's size gauges, registering them the first time. */
    void functionBytes(String function, long raw, long stored) {
        FunctionGauges gauges = functions.computeIfAbsent(function, f -> {
            AtomicLong rawBytes = new AtomicLong();
            AtomicLong storedBytes = new AtomicLong();
            return new FunctionGauges(rawBytes, storedBytes, List.of(
                    Gauge.builder("thaw_store_function_raw_bytes", rawBytes, AtomicLong::get)
                            .tag("function", f).baseUnit("bytes").register(registry),
                    Gauge.builder("thaw_store_function_stored_bytes", storedBytes, AtomicLong::get)
                            .tag("function", f).baseUnit("bytes").register(registry)));
        });
        gauges.raw().set(raw);
        gauges.stored().set(stored);
    }

    void forgetFunction(String function) {
        FunctionGauges gauges = functions.remove(function);
        if (gauges != null) {
            gauges.meters().forEach(registry::remove);
        }
    }
}
