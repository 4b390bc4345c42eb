package dev.thaw.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What one run measures. Arguments: {@code --quick} (5 cold starts per mode, shorter warm runs, no burst) and
 * {@code --out DIR} [thaw-bench/target/bench]. System properties override the rest (defaults in brackets):
 * {@code thaw.bench.coldstarts} [20 per function and mode], {@code thaw.bench.runtime} [java21],
 * {@code thaw.bench.invokes} [2000 sequential warm invokes], {@code thaw.bench.clients} [1,2,4],
 * {@code thaw.bench.seconds} [10 per throughput run], {@code thaw.bench.burst} [100 concurrent invocations].
 *
 * @param runtime    the runtime of every mode but the AOT cache's
 * @param aotRuntime the runtime of the AOT-cache mode: the JDK's AOT cache needs JDK 25
 */
record BenchOptions(boolean quick, Path outDir, int coldStarts, String runtime, String aotRuntime,
                    int warmupInvokes, int sequentialInvokes, List<Integer> clientCounts,
                    int throughputSeconds, int burstSize) {

    static final String USAGE = "usage: ThawBench [--quick] [--out DIR]";

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path outDir = Path.of("thaw-bench/target/bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> {
                    if (++i == args.length) {
                        throw new IllegalArgumentException("--out needs a directory; " + USAGE);
                    }
                    outDir = Path.of(args[i]);
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; " + USAGE);
            }
        }
        return new BenchOptions(quick, outDir,
                Integer.getInteger("thaw.bench.coldstarts", quick ? 5 : 20),
                System.getProperty("thaw.bench.runtime", "java21"),
                "java25",
                quick ? 50 : 200,
                Integer.getInteger("thaw.bench.invokes", quick ? 300 : 2000),
                Arrays.stream(System.getProperty("thaw.bench.clients", "1,2,4").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                Integer.getInteger("thaw.bench.seconds", quick ? 2 : 10),
                quick ? 0 : Integer.getInteger("thaw.bench.burst", 100));
    }

    boolean burst() {
        return burstSize > 0;
    }
}
