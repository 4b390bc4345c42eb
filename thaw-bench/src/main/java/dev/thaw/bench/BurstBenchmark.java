package dev.thaw.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * A burst of concurrent invocations of a function with no environment: on demand ($LATEST), then restored
 * (version 1), then restored copies of a second function. The server's idle timeout is zero, so each burst starts
 * from no environment, and its concurrency limit is above the burst, so that throttling is not what is measured. One untimed cold start of each kind comes
 * first, as in the cold-start series.
 */
final class BurstBenchmark {

    /** The server's limit: at least the burst, with room to spare as Lambda's default account limit has. */
    private static final int MIN_CONCURRENCY_LIMIT = 128;

    private BurstBenchmark() {
    }

    /** @param alsoRestored a function whose restored copies get a burst too (on demand it starts like the first) */
    static List<BurstRun.Result> run(BenchOptions options, BenchFunction function, BenchFunction alsoRestored)
            throws IOException, InterruptedException, ExecutionException {
        int limit = Math.max(MIN_CONCURRENCY_LIMIT, options.burstSize());
        try (BenchServer server = BenchServer.start("burst", config -> config.withIdleTimeout(Duration.ZERO)
                .withConcurrencyLimit(limit), options.burstSize())) {
            for (BenchFunction deployed : List.of(function, alsoRestored)) {
                server.deploy(deployed, options.runtime(), true);
                server.publish(deployed.name());
            }
            ColdStartTimer timer = new ColdStartTimer(server.client());
            List<BurstRun.Result> results = new ArrayList<>();
            for (Map.Entry<BenchFunction, ColdStartMode> burst : List.of(Map.entry(function, ColdStartMode.ON_DEMAND),
                    Map.entry(function, ColdStartMode.RESTORE), Map.entry(alsoRestored, ColdStartMode.RESTORE))) {
                ColdStartMode mode = burst.getValue();
                String target = mode.target(burst.getKey());
                server.awaitNoEnvironments();
                timer.time(burst.getKey(), mode);
                server.awaitNoEnvironments();
                Progress.line("burst: %d concurrent invocations of %s (%s)", options.burstSize(), target,
                        mode.label());
                BurstRun.Result result = BurstRun.run(server.client(), target, burst.getKey().payload(),
                        options.burstSize());
                results.add(result);
                Progress.line("burst: all answered after %.1f s; %s, %d throttled, %d errors%s",
                        result.allAnsweredMs() / 1000, result.starts(), result.throttled(), result.errors(),
                        result.firstError() == null ? "" : " (first: " + result.firstError() + ")");
            }
            return results;
        }
    }
}
