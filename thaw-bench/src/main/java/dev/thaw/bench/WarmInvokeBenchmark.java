package dev.thaw.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.UnaryOperator;

/**
 * Warm invoke latency and throughput of the tiny function through the Lambda HTTP API, on a server with the
 * default idle timeout so that environments stay: sequential round trips from one client, then invokes per second
 * with several concurrent clients for a fixed time each. Cold starts are kept out of the numbers: the function is
 * warmed up first, and every client count is warmed up before it is measured.
 */
final class WarmInvokeBenchmark {

    /** What the warm part of a run measured. */
    record Result(LatencyStats sequential, List<ThroughputRun.Result> throughput) {
    }

    private WarmInvokeBenchmark() {
    }

    static Result run(BenchOptions options) throws IOException, InterruptedException, ExecutionException {
        BenchFunction function = BenchFunction.HELLO;
        try (BenchServer server = BenchServer.start("warm", UnaryOperator.identity(), 1);
             HelloInvoker invoker = new HelloInvoker(server, function.name())) {
            server.deploy(function, options.runtime(), false);
            Progress.line("warm: %d untimed invokes, then %d sequential", options.warmupInvokes(),
                    options.sequentialInvokes());
            for (int i = 0; i < options.warmupInvokes(); i++) {
                invoker.invoke();
            }
            long[] nanos = new long[options.sequentialInvokes()];
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = invoker.invoke();
            }
            LatencyStats sequential = LatencyStats.of(nanos);
            Progress.line("warm: sequential p50 %.2f ms, p99 %.2f ms", sequential.p50(), sequential.p99());

            ThroughputRun throughput = new ThroughputRun(server, function.name());
            List<ThroughputRun.Result> runs = new ArrayList<>();
            for (int clients : options.clientCounts()) {
                Duration measured = Duration.ofSeconds(options.throughputSeconds());
                throughput.run(clients, measured.dividedBy(5));
                ThroughputRun.Result run = throughput.run(clients, measured);
                runs.add(run);
                Progress.line("warm: %d client(s): %.0f invokes/s", clients, run.invokesPerSecond());
            }
            return new Result(sequential, runs);
        }
    }
}
