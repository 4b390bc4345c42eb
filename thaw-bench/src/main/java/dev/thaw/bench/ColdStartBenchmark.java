package dev.thaw.bench;

import dev.thaw.cli.ServerOptions;
import dev.thaw.cli.ThawServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Cold-start latency with and without SnapStart, measured from outside through the Lambda HTTP API with the
 * AWS SDK for Java v2: the time from sending Invoke to receiving the response, as a user's client sees it.
 *
 * <p>Starts a server on a free port and a temporary data directory with an idle timeout of zero, so that no
 * environment is kept after an invocation and every invocation is a cold start. For each function (the tiny
 * {@code example.Hello}, {@code example.SlowInit} whose init sleeps 1.5 s, and the Spring Boot application of
 * thaw-examples-spring) it creates the function with SnapStart on, publishes version 1 and waits for its
 * snapshot, then alternates cold starts of {@code $LATEST} (on-demand: a JVM starts and runs init) and of
 * version 1 (restored from the snapshot), checking each REPORT line for the kind of start. It prints
 * p50/p90/p99 per function and kind, and the ratio on-demand/restore, then exits.
 *
 * <p>Run from the repository root after building:
 * <pre>
 * mvn -pl thaw-bench -am install -DskipTests
 * java -cp 'thaw-bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:thaw-bench/target/lib/*' \
 *     dev.thaw.bench.ColdStartBenchmark
 * </pre>
 * Tune with {@code -Dthaw.bench.coldstarts=20 -Dthaw.bench.runtime=java17 -Dthaw.bench.package=...
 * -Dthaw.bench.spring-package=...} (see {@link ColdStartSettings}). SnapStart needs CRIU, so run it where the
 * server can checkpoint (as root, with the CRIU the project's setup provisions). Results depend on the machine:
 * run it on an otherwise idle one and compare runs made on the same machine only.
 */
public final class ColdStartBenchmark {

    private static final Duration SNAPSHOT_POLL = Duration.ofMillis(250);
    private static final Duration SNAPSHOT_LIMIT = Duration.ofMinutes(5);
    private static final int PROGRESS_EVERY = 5;

    /** One function's measurements. */
    private record Row(String function, LatencyStats onDemand, LatencyStats restore) {
    }

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        ColdStartSettings settings = ColdStartSettings.fromSystemProperties();
        Path dataDir = DataDirs.create();
        ServerOptions options = ServerOptions.defaults(dataDir).withPort(0).withIdleTimeout(Duration.ZERO);
        try (ThawServer server = ThawServer.start(options);
             LambdaClient client = BenchClients.forEndpoint(server.endpoint())) {
            System.out.println("Thaw server at " + server.endpoint() + ", data in " + dataDir);
            ColdStartTimer timer = new ColdStartTimer(client);
            List<Row> rows = new ArrayList<>();
            for (BenchFunction function : settings.functions()) {
                deploy(client, function, settings.runtime());
                rows.add(measure(timer, function.name(), settings.coldStarts()));
            }
            printTable(rows);
        } finally {
            DataDirs.delete(dataDir);
        }
    }

    private static void deploy(LambdaClient client, BenchFunction function, String runtime)
            throws IOException, InterruptedException {
        System.out.println("deploying " + function.name() + " (" + function.handler() + ") from "
                + function.deploymentPackage());
        SdkBytes code = SdkBytes.fromByteArray(Files.readAllBytes(function.deploymentPackage()));
        client.createFunction(r -> r.functionName(function.name())
                .runtime(runtime)
                .role("arn:aws:iam::000000000000:role/bench")
                .handler(function.handler())
                .memorySize(function.memoryMb())
                .timeout(60)
                .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))
                .code(c -> c.zipFile(code)));
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(function.name()));
        long started = System.nanoTime();
        client.publishVersion(r -> r.functionName(function.name()));
        awaitSnapshot(client, function.name());
        System.out.printf("  snapshot of %s:1 ready after %.1f s%n", function.name(),
                (System.nanoTime() - started) / 1e9);
    }

    /** Polls version 1 until Active; a Failed version ends the run with its reason. */
    private static void awaitSnapshot(LambdaClient client, String function) throws InterruptedException {
        long deadline = System.nanoTime() + SNAPSHOT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            GetFunctionConfigurationResponse version = client.getFunctionConfiguration(r -> r.functionName(function).qualifier("1"));
            if (version.state() == State.ACTIVE) {
                return;
            }
            if (version.state() == State.FAILED) {
                throw new IllegalStateException(function + ":1 failed: " + version.stateReasonCode() + " "
                        + version.stateReason());
            }
            Thread.sleep(SNAPSHOT_POLL.toMillis());
        }
        throw new IllegalStateException(function + ":1 not Active after " + SNAPSHOT_LIMIT);
    }

    /** One uncounted start of each kind, then alternating on-demand and restore starts, so drift hits both alike. */
    private static Row measure(ColdStartTimer timer, String function, int coldStarts) {
        String version = function + ":1";
        timer.time(function, ColdStartTimer.ON_DEMAND);
        timer.time(version, ColdStartTimer.RESTORE);
        long[] onDemand = new long[coldStarts];
        long[] restore = new long[coldStarts];
        for (int i = 0; i < coldStarts; i++) {
            onDemand[i] = timer.time(function, ColdStartTimer.ON_DEMAND);
            restore[i] = timer.time(version, ColdStartTimer.RESTORE);
            if ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == coldStarts) {
                System.out.printf("  %s: %d/%d cold starts of each kind%n", function, i + 1, coldStarts);
            }
        }
        return new Row(function, LatencyStats.of(onDemand), LatencyStats.of(restore));
    }

    private static void printTable(List<Row> rows) {
        String row = "%-12s %-10s %6s %9s %9s %9s %9s%n";
        System.out.println();
        System.out.println("First-response latency of cold starts (ms), client side");
        System.out.printf(row, "function", "start", "count", "p50", "p90", "p99", "max");
        for (Row r : rows) {
            printStats(row, r.function(), "on-demand", r.onDemand());
            printStats(row, r.function(), "restore", r.restore());
        }
        System.out.println();
        System.out.println("Ratio on-demand / restore");
        String ratio = "%-12s %9s %9s %9s%n";
        System.out.printf(ratio, "function", "p50", "p90", "p99");
        for (Row r : rows) {
            System.out.printf(ratio, r.function(), times(r.onDemand().p50() / r.restore().p50()),
                    times(r.onDemand().p90() / r.restore().p90()), times(r.onDemand().p99() / r.restore().p99()));
        }
    }

    private static void printStats(String format, String function, String start, LatencyStats stats) {
        System.out.printf(format, function, start, stats.count(), ms(stats.p50()), ms(stats.p90()), ms(stats.p99()),
                ms(stats.max()));
    }

    private static String ms(double millis) {
        return String.format("%.1f", millis);
    }

    private static String times(double ratio) {
        return String.format("%.1fx", ratio);
    }
}
