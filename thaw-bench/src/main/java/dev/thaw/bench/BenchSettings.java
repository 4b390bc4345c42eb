package dev.thaw.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What to measure, from system properties (defaults in brackets): {@code thaw.bench.package}
 * [thaw-examples/target/thaw-examples-function.jar, or the first program argument], {@code thaw.bench.runtime}
 * [java17], {@code thaw.bench.warmup} [200 invokes], {@code thaw.bench.invokes} [2000 sequential invokes],
 * {@code thaw.bench.clients} [1,2,4 concurrent clients], {@code thaw.bench.seconds} [10 per throughput run].
 */
record BenchSettings(Path deploymentPackage, String runtime, int warmupInvokes, int sequentialInvokes,
                     List<Integer> clientCounts, Duration throughputDuration) {

    static BenchSettings fromSystemProperties(String[] args) {
        String defaultPackage = args.length > 0 ? args[0] : "thaw-examples/target/thaw-examples-function.jar";
        return new BenchSettings(
                Path.of(System.getProperty("thaw.bench.package", defaultPackage)),
                System.getProperty("thaw.bench.runtime", "java17"),
                Integer.getInteger("thaw.bench.warmup", 200),
                Integer.getInteger("thaw.bench.invokes", 2000),
                Arrays.stream(System.getProperty("thaw.bench.clients", "1,2,4").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                Duration.ofSeconds(Integer.getInteger("thaw.bench.seconds", 10)));
    }
}
