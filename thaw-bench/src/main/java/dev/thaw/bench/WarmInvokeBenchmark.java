package dev.thaw.bench;

import dev.thaw.cli.ServerOptions;
import dev.thaw.cli.ThawServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Warm invoke latency and throughput of Thaw, measured from outside through the Lambda HTTP API with the AWS
 * SDK for Java v2, as a user's client sees them.
 *
 * <p>Starts a server on a free port and a temporary data directory, deploys the {@code example.Hello}
 * function, warms it up, then measures (1) sequential round trips from one client (p50/p90/p99/max) and (2)
 * throughput with 1, 2 and 4 concurrent clients for a fixed time each, prints a table and exits. Cold starts
 * are kept out of the numbers: every client count is warmed up before it is measured.
 *
 * <p>Run from the repository root after building:
 * <pre>
 * mvn -pl thaw-bench -am install -DskipTests
 * java -cp 'thaw-bench/target/thaw-bench-0.1.0-SNAPSHOT.jar:thaw-bench/target/lib/*' \
 *     dev.thaw.bench.WarmInvokeBenchmark [path/to/function.jar]
 * </pre>
 * Tune with {@code -Dthaw.bench.invokes=2000 -Dthaw.bench.clients=1,2,4 -Dthaw.bench.seconds=10
 * -Dthaw.bench.warmup=200 -Dthaw.bench.runtime=java17} (see {@link BenchSettings}).
 * Results depend on the machine: run it on an otherwise idle one and compare runs made on the same machine
 * only.
 */
public final class WarmInvokeBenchmark {

    private static final String FUNCTION = "bench-hello";
    private static final Duration CLIENT_WARMUP = Duration.ofSeconds(2);

    private WarmInvokeBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException, ExecutionException {
        BenchSettings settings = BenchSettings.fromSystemProperties(args);
        Path dataDir = DataDirs.create();
        try (ThawServer server = ThawServer.start(ServerOptions.defaults(dataDir).withPort(0));
             HelloInvoker invoker = new HelloInvoker(server.endpoint(), FUNCTION)) {
            System.out.println("Thaw server at " + server.endpoint() + ", data in " + dataDir);
            deploy(invoker, settings);

            System.out.printf("warming up: %d invokes%n", settings.warmupInvokes());
            for (int i = 0; i < settings.warmupInvokes(); i++) {
                invoker.invoke();
            }
            System.out.printf("sequential: %d invokes%n", settings.sequentialInvokes());
            long[] nanos = new long[settings.sequentialInvokes()];
            for (int i = 0; i < nanos.length; i++) {
                nanos[i] = invoker.invoke();
            }
            LatencyStats sequential = LatencyStats.of(nanos);

            ThroughputRun throughput = new ThroughputRun(server.endpoint(), FUNCTION);
            List<ThroughputRun.Result> runs = new ArrayList<>();
            for (int clients : settings.clientCounts()) {
                System.out.printf("throughput: %d client(s), %d s%n", clients,
                        settings.throughputDuration().toSeconds());
                throughput.run(clients, CLIENT_WARMUP);
                runs.add(throughput.run(clients, settings.throughputDuration()));
            }
            printTable(sequential, runs);
        } finally {
            DataDirs.delete(dataDir);
        }
    }

    private static void deploy(HelloInvoker invoker, BenchSettings settings) throws IOException {
        System.out.println("deploying " + settings.deploymentPackage() + " as " + FUNCTION);
        SdkBytes code = SdkBytes.fromByteArray(Files.readAllBytes(settings.deploymentPackage()));
        invoker.client().createFunction(r -> r.functionName(FUNCTION)
                .runtime(settings.runtime())
                .role("arn:aws:iam::000000000000:role/bench")
                .handler("example.Hello::handleRequest")
                .memorySize(512)
                .timeout(30)
                .code(c -> c.zipFile(code)));
        invoker.client().waiter().waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));
    }

    private static void printTable(LatencyStats sequential, List<ThroughputRun.Result> runs) {
        String row = "%-12s %7s %8s %8s %8s %8s %8s %10s%n";
        System.out.println();
        System.out.printf(row, "run", "clients", "invokes", "p50 ms", "p90 ms", "p99 ms", "max ms", "invokes/s");
        System.out.printf(row, "sequential", 1, sequential.count(), ms(sequential.p50()), ms(sequential.p90()),
                ms(sequential.p99()), ms(sequential.max()), "");
        for (ThroughputRun.Result run : runs) {
            LatencyStats latency = run.latency();
            System.out.printf(row, "throughput", run.clients(), run.invokes(), ms(latency.p50()), ms(latency.p90()),
                    ms(latency.p99()), ms(latency.max()), String.format("%.0f", run.invokesPerSecond()));
        }
    }

    private static String ms(double millis) {
        return String.format("%.2f", millis);
    }
}
