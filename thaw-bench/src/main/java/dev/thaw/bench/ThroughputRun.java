package dev.thaw.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Several clients invoking back to back for a fixed time; each client has its own SDK client. */
final class ThroughputRun {

    /** What one run measured. */
    record Result(int clients, long invokes, double invokesPerSecond, LatencyStats latency) {
    }

    private final BenchServer server;
    private final String function;

    ThroughputRun(BenchServer server, String function) {
        this.server = server;
        this.function = function;
    }

    Result run(int clients, Duration duration) throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long deadline = System.nanoTime() + duration.toNanos();
            List<Future<long[]>> workers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                workers.add(pool.submit(() -> invokeUntil(deadline)));
            }
            long started = System.nanoTime();
            List<long[]> perClient = new ArrayList<>();
            for (Future<long[]> worker : workers) {
                perClient.add(worker.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] all = perClient.stream().flatMapToLong(Arrays::stream).toArray();
            return new Result(clients, all.length, all.length / seconds, LatencyStats.of(all));
        } finally {
            pool.shutdownNow();
        }
    }

    private long[] invokeUntil(long deadline) {
        try (HelloInvoker invoker = new HelloInvoker(server, function)) {
            List<Long> samples = new ArrayList<>();
            while (System.nanoTime() < deadline) {
                samples.add(invoker.invoke());
            }
            return samples.stream().mapToLong(Long::longValue).toArray();
        }
    }
}
