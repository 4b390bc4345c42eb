package dev.thaw.bench;

import dev.thaw.cli.ServerOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Cold starts of every function in every {@link ColdStartMode}, measured from outside through the Lambda HTTP API
 * as a user's client sees them. Each mode's server has an idle timeout of zero, so that no environment outlives
 * its invocation and every invocation is a cold start; servers run one at a time, each on its own data directory.
 *
 * <p>On the default server, on-demand starts of $LATEST and restores of version 1 alternate, so that drift hits
 * both alike. Each kind gets one untimed start first (it fills the page cache, and the prepared-image cache for
 * restores). The server's /metrics are scraped around the timed starts for the restore phases.
 */
final class ColdStartBenchmark {

    /** StoreConfig wants a positive L1 bound; one byte holds no chunk or manifest, so every L1 read misses. */
    private static final long L1_OFF = 1;
    /** Lets the training run's environment finish writing the AOT cache before the timed starts. */
    private static final Duration AOT_CACHE_SETTLE = Duration.ofSeconds(3);
    private static final String AOT_CACHE_WRITTEN = "AOT cache written";
    private static final int PROGRESS_EVERY = 5;

    private final BenchOptions options;
    private final List<BenchFunction> functions;
    private final Path serverLog;
    private final List<ColdStartSeries> series = new ArrayList<>();
    private final List<PublishTime> publishes = new ArrayList<>();
    private final List<RestorePhases> phases = new ArrayList<>();
    private final Map<String, Boolean> aotCacheWritten = new LinkedHashMap<>();

    /** @param serverLog where the servers' log goes: the AOT-cache mode checks it for the cache being written */
    ColdStartBenchmark(BenchOptions options, List<BenchFunction> functions, Path serverLog) {
        this.options = options;
        this.functions = functions;
        this.serverLog = serverLog;
    }

    ColdStartResults run() throws IOException, InterruptedException {
        Map<String, JdkInfo> runtimeJdks;
        List<SnapshotSize> sizes;
        try (BenchServer server = start("default", UnaryOperator.identity())) {
            runtimeJdks = server.runtimeJdks();
            Progress.line("runtimes: %s", runtimeJdks);
            publishAll(server, ColdStartMode.RESTORE);
            sizes = SnapshotSize.parse(server.storeStats());
            for (BenchFunction function : functions) {
                measure(server, function, List.of(ColdStartMode.ON_DEMAND, ColdStartMode.RESTORE));
            }
        }
        try (BenchServer server = start("AOT cache", config -> config.withAotCache(true))) {
            for (BenchFunction function : functions) {
                server.deploy(function, options.aotRuntime(), false);
                trainAotCache(server, function);
                measure(server, function, List.of(ColdStartMode.AOT_CACHE));
            }
        }
        measureRestores(ColdStartMode.RESTORE_EAGER, config -> config.withLazyRestore(false));
        measureRestores(ColdStartMode.RESTORE_L1, config -> config.withPreparedImageCache(0));
        try (RedisServer redis = RedisServer.start()) {
            Progress.line("redis-server at %s", redis.url());
            measureRestores(ColdStartMode.RESTORE_L2, config -> config.withPreparedImageCache(0)
                    .withStore(config.store().withL1MaxBytes(L1_OFF).withRedisUrl(redis.url())));
        }
        measureRestores(ColdStartMode.RESTORE_DURABLE, config -> config.withPreparedImageCache(0)
                .withStore(config.store().withL1MaxBytes(L1_OFF)));
        return new ColdStartResults(List.copyOf(series), List.copyOf(publishes), sizes, List.copyOf(phases),
                runtimeJdks, Collections.unmodifiableMap(aotCacheWritten));
    }

    private static BenchServer start(String label, UnaryOperator<ServerOptions> configure) throws IOException {
        return BenchServer.start(label, config -> configure.apply(config.withIdleTimeout(Duration.ZERO)), 1);
    }

    /** A server of its own for one restore mode: publish every function there, then time its restores. */
    private void measureRestores(ColdStartMode mode, UnaryOperator<ServerOptions> configure)
            throws IOException, InterruptedException {
        try (BenchServer server = start(mode.label(), configure)) {
            publishAll(server, mode);
            for (BenchFunction function : functions) {
                measure(server, function, List.of(mode));
            }
        }
    }

    private void publishAll(BenchServer server, ColdStartMode mode) throws IOException {
        for (BenchFunction function : functions) {
            server.deploy(function, options.runtime(), true);
            double seconds = server.publish(function.name()).toMillis() / 1000.0;
            publishes.add(new PublishTime(function.name(), mode, seconds));
            Progress.line("%s: version 1 Active %.1f s after PublishVersion", function.name(), seconds);
        }
    }

    /**
     * The first start records the AOT cache (the training run); a second one gives the environment time to finish
     * writing it, as does the pause after.
     */
    private void trainAotCache(BenchServer server, BenchFunction function) throws IOException, InterruptedException {
        long writtenBefore = countInServerLog(AOT_CACHE_WRITTEN);
        ColdStartTimer timer = new ColdStartTimer(server.client());
        for (int i = 0; i < 2; i++) {
            timer.time(function, ColdStartMode.AOT_CACHE);
        }
        Thread.sleep(AOT_CACHE_SETTLE.toMillis());
        boolean written = countInServerLog(AOT_CACHE_WRITTEN) > writtenBefore;
        aotCacheWritten.put(function.name(), written);
        Progress.line("%s: AOT cache training done; server log says \"%s\": %s", function.name(), AOT_CACHE_WRITTEN,
                written ? "yes" : "NO (timed starts may run without it)");
    }

    private long countInServerLog(String text) throws IOException {
        try (var lines = Files.lines(serverLog)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** Untimed start of each mode, then the modes' timed starts in turn. */
    private void measure(BenchServer server, BenchFunction function, List<ColdStartMode> modes)
            throws IOException, InterruptedException {
        ColdStartTimer timer = new ColdStartTimer(server.client());
        for (ColdStartMode mode : modes) {
            server.warmRequestPath(function, mode);
            server.awaitNoEnvironments();
            timer.time(function, mode);
        }
        PrometheusSamples before = PrometheusSamples.parse(server.metrics());
        long[][] nanos = new long[modes.size()][options.coldStarts()];
        for (int i = 0; i < options.coldStarts(); i++) {
            for (int m = 0; m < modes.size(); m++) {
                server.awaitNoEnvironments();
                nanos[m][i] = timer.time(function, modes.get(m));
            }
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == options.coldStarts()) {
                Progress.line("%s: %d/%d cold starts of %s", function.name(), i + 1, options.coldStarts(),
                        String.join(", ", modes.stream().map(ColdStartMode::label).toList()));
            }
        }
        PrometheusSamples after = PrometheusSamples.parse(server.metrics());
        Map<String, JdkInfo> jdks = server.runtimeJdks();
        for (int m = 0; m < modes.size(); m++) {
            ColdStartMode mode = modes.get(m);
            String runtime = mode == ColdStartMode.AOT_CACHE ? options.aotRuntime() : options.runtime();
            LatencyStats latency = LatencyStats.of(nanos[m]);
            series.add(new ColdStartSeries(function.name(), mode, runtime, jdks.get(runtime).version(), latency,
                    Arrays.stream(nanos[m]).mapToDouble(n -> n / 1e6).toArray()));
            Progress.line("%s, %s: p50 %.0f ms, p99 %.0f ms", function.name(), mode.label(), latency.p50(),
                    latency.p99());
            if (mode.restores()) {
                phases.add(RestorePhases.between(before, after, function.name(), mode, latency));
            }
        }
    }
}
