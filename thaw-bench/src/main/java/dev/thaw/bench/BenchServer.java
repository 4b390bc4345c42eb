package dev.thaw.bench;

import dev.thaw.cli.ServerOptions;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.cli.ThawServer;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationRequest;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;

/**
 * One in-process Thaw server on a free port and its own temporary data directory, with the SDK client that talks
 * to it (signing with the server's key) and a metrics listener of its own, scraped without a signature as a local
 * Prometheus would. Closing it stops the server and every environment, and removes the directory.
 */
final class BenchServer implements AutoCloseable {

    /** Far above any cold start measured here, so that only a stuck invocation ever reaches it. */
    static final int FUNCTION_TIMEOUT_SECONDS = 300;

    /** The published version's poll: the SDK waiter's default 5 s would round every publish time up to it. */
    private static final WaiterOverrideConfiguration PUBLISH_WAIT = WaiterOverrideConfiguration.builder()
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(100)))
            .waitTimeout(Duration.ofMinutes(10))
            .maxAttempts(Integer.MAX_VALUE)
            .build();

    /** How long the environments of a finished measurement may take to be stopped. */
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);
    private static final long SETTLE_POLL_MS = 2;
    private static final int REQUEST_PATH_WARMUP = 1000;

    private final String label;
    private final Path dataDir;
    private final ThawServer server;
    private final LambdaClient client;
    private final HttpClient http = HttpClient.newHttpClient();
    private final SignedHttpClient signedHttp;
    private final ExitCleanup exitCleanup;

    private BenchServer(String label, Path dataDir, ThawServer server, int maxConnections) {
        this.label = label;
        this.dataDir = dataDir;
        this.server = server;
        this.client = newClient(maxConnections);
        this.signedHttp = new SignedHttpClient(server.accessKeys().primary());
        this.exitCleanup = ExitCleanup.register(this::close);
    }

    /**
     * @param configure      changes to the defaults (port 0 and the data directory are set already)
     * @param maxConnections concurrent requests the server's SDK client must carry
     */
    static BenchServer start(String label, UnaryOperator<ServerOptions> configure, int maxConnections)
            throws IOException {
        Path dataDir = DataDirs.create();
        try {
            ServerOptions defaults = ServerOptions.defaults(dataDir).withPort(0).withUrlPort(0);
            ThawServer server = ThawServer.start(configure.apply(defaults.withAccess(defaults.access()
                    .withMetricsBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))));
            Progress.line("server %s at %s, data in %s", label, server.endpoint(), dataDir);
            try {
                return new BenchServer(label, dataDir, server, maxConnections);
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            DataDirs.delete(dataDir);
            throw e;
        }
    }

    LambdaClient client() {
        return client;
    }

    /** Another SDK client of this server, for a caller of its own. */
    LambdaClient newClient(int maxConnections) {
        return BenchClients.forEndpoint(server.endpoint(), server.accessKeys().primary(), maxConnections);
    }

    void deploy(BenchFunction function, String runtime, boolean snapStart) throws IOException {
        SdkBytes code = SdkBytes.fromByteArray(Files.readAllBytes(function.deploymentPackage()));
        client.createFunction(r -> {
            r.functionName(function.name())
                    .runtime(runtime)
                    .role("arn:aws:iam::000000000000:role/bench")
                    .handler(function.handler())
                    .memorySize(function.memoryMb())
                    .timeout(FUNCTION_TIMEOUT_SECONDS)
                    .code(c -> c.zipFile(code));
            if (snapStart) {
                r.snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS));
            }
        });
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(function.name()));
    }

    /** Publishes version 1 and waits until it is Active: the time a snapshot takes to make and store. */
    Duration publish(String function) {
        long started = System.nanoTime();
        client.publishVersion(r -> r.functionName(function));
        try {
            client.waiter().waitUntilPublishedVersionActive(GetFunctionConfigurationRequest.builder()
                    .functionName(function).qualifier("1").build(), PUBLISH_WAIT);
        } catch (SdkException e) {
            GetFunctionConfigurationResponse version =
                    client.getFunctionConfiguration(r -> r.functionName(function).qualifier("1"));
            throw new IllegalStateException(function + ":1 did not become Active on server " + label + ": "
                    + version.state() + " " + version.stateReasonCode() + " " + version.stateReason(), e);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * Untimed DryRun invocations of the mode's target: they take the request path up to the worker (HTTP, routing,
     * validation, resolving the version) on server and client, so that it runs compiled, as in a server that has
     * been serving, rather than interpreted in the first cold starts measured.
     */
    void warmRequestPath(BenchFunction function, ColdStartMode mode) {
        String target = mode.target(function);
        SdkBytes payload = function.payload();
        for (int i = 0; i < REQUEST_PATH_WARMUP; i++) {
            client.invoke(r -> r.functionName(target).invocationType(InvocationType.DRY_RUN).payload(payload));
        }
    }

    /** The Prometheus text of {@code GET /metrics}, from the metrics listener. */
    String metrics() throws IOException, InterruptedException {
        return checked(http.send(HttpRequest.newBuilder(server.metricsEndpoint().orElseThrow()).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    /**
     * Waits until the server has stopped every environment, so that the teardown of one cold start's environment
     * (a killed JVM's memory freed, its cgroup and files removed) does not overlap the next measurement.
     */
    void awaitNoEnvironments() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        while (PrometheusSamples.parse(metrics()).sum("thaw_environments") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("server " + label + " still has environments after " + SETTLE_LIMIT);
            }
            Thread.sleep(SETTLE_POLL_MS);
        }
    }

    /** The JSON of {@code GET /thaw/store/stats}, a signed operator route. */
    String storeStats() throws IOException, InterruptedException {
        return checked(signedHttp.get(server.endpoint().resolve("/thaw/store/stats")));
    }

    /** Runtime name to the JDK it runs on, from the mapping the server wrote at start. */
    Map<String, JdkInfo> runtimeJdks() throws IOException {
        Properties mapping = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("runtimes.properties"))) {
            mapping.load(reader);
        }
        Map<String, JdkInfo> jdks = new LinkedHashMap<>();
        for (String runtime : mapping.stringPropertyNames().stream().sorted().toList()) {
            jdks.put(runtime, JdkInfo.at(Path.of(mapping.getProperty(runtime).trim())));
        }
        return jdks;
    }

    private static String checked(HttpResponse<String> response) throws IOException {
        if (response.statusCode() != 200) {
            throw new IOException("GET " + response.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        exitCleanup.cancel();
        client.close();
        http.close();
        signedHttp.close();
        try {
            server.close();
        } finally {
            try {
                DataDirs.delete(dataDir);
            } catch (IOException e) {
                System.err.println("cannot remove " + dataDir + ": " + e);
            }
        }
    }
}
