package dev.thaw.faults.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.controlplane.PostgresServer;
import dev.thaw.faults.FaultReport;
import dev.thaw.faults.ServerProcess;
import dev.thaw.it.AwsCli;
import dev.thaw.it.ExamplePackages;
import dev.thaw.it.Json;
import dev.thaw.it.LambdaClients;
import dev.thaw.it.S3ProxyServer;
import dev.thaw.it.SnapStartVersions;
import dev.thaw.it.ThawServerExtension;
import dev.thaw.store.RedisServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Three servers sharing PostgreSQL, an S3-compatible durable tier, the master key and the API keys, as docs/cluster.md
 * runs them: one publish makes one snapshot; one server killed (-9) under load leaves the invocations through the
 * other two answered and its queued Event invocations finished by them; a fourth server joins and takes its share;
 * the killed one comes back.
 */
class ClusterFailoverTest {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final String VERSIONED = "cluster-fn";
    private static final String EVENTS = "cluster-events";
    private static final String BUCKET = "thaw-cluster";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final int SHARE_FUNCTIONS = 18;
    /** Load goes on for longer than a lease after the kill: the survivors stop routing to the dead server. */
    private static final Duration AFTER_THE_KILL = Duration.ofSeconds(15);

    private final List<ServerProcess> servers = new ArrayList<>();
    private PostgresServer postgres;
    private RedisServer redis;
    private S3ProxyServer s3;
    private Path root;
    private List<String> options;
    private Path credentials;

    @AfterEach
    void stopEverything() throws Exception {
        for (ServerProcess server : servers) {
            server.close();
        }
        if (s3 != null) {
            s3.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aServerKilledUnderLoadLosesNothingAndANewOneTakesItsShare() throws Exception {
        share();
        ServerProcess a = node("a");
        ServerProcess b = node("b");
        ServerProcess c = node("c");
        LambdaClient viaA = a.client();

        viaA.createFunction(r -> r.functionName(VERSIONED).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Hello::handleRequest").memorySize(256).timeout(15)
                .snapStart(s -> s.applyOn("PublishedVersions")).code(code -> code.zipFile(ExamplePackages.jar())));
        viaA.waiter().waitUntilFunctionActiveV2(r -> r.functionName(VERSIONED));
        String version = SnapStartVersions.publishActive(viaA, VERSIONED);
        SnapStartVersions.assumeSnapStartAvailable(SnapStartVersions.configuration(viaA, VERSIONED, version));
        assertEquals(1, logLines("function " + VERSIONED + " version " + version + ": creating its snapshot"),
                "one snapshot per publish");
        // The AWS CLI through C sees, changes and invokes what was made through A.
        AwsCli viaC = new AwsCli(c.endpoint(), root, c.credentialsFile());
        assertEquals(version, viaC.succeed("get-function-configuration", "--function-name", VERSIONED,
                "--qualifier", version).json().path("Version").asText());
        viaC.succeed("update-function-configuration", "--function-name", VERSIONED, "--description", "through C");
        viaC.succeed("wait", "function-updated-v2", "--function-name", VERSIONED);
        assertEquals("through C", viaA.getFunctionConfiguration(r -> r.functionName(VERSIONED)).description());
        Path out = root.resolve("out.json");
        viaC.succeed("invoke", "--function-name", VERSIONED + ":" + version, "--payload", "{\"name\":\"cli\"}",
                "--cli-binary-format", "raw-in-base64-out", out.toString());
        assertTrue(Files.readString(out).contains("cli"), Files.readString(out));

        viaA.createFunction(r -> r.functionName(EVENTS).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Logging").memorySize(256).timeout(30)
                .code(code -> code.zipFile(ExamplePackages.jar())));
        viaA.waiter().waitUntilFunctionActiveV2(r -> r.functionName(EVENTS));
        // Accepted and held by B (marked as passed on already, so B keeps them), still running when it dies.
        List<String> heldByB = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            heldByB.add(eventThrough(b, "held-" + i));
        }

        // Load through all three; B is killed in its midst.
        AtomicBoolean loading = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger answered = new AtomicInteger();
        long killedAt;
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            for (ServerProcess survivor : List.of(a, c)) {
                clients.submit(() -> {
                    while (loading.get()) {
                        try {
                            InvokeResponse response = survivor.client().invoke(r -> r.functionName(VERSIONED)
                                    .qualifier(version).payload(SdkBytes.fromUtf8String("{\"name\":\"load\"}")));
                            if (response.functionError() != null) {
                                failures.add(response.functionError() + ": " + response.payload().asUtf8String());
                            } else {
                                answered.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failures.add(e.toString());
                        }
                    }
                });
            }
            Thread.sleep(4_000);
            b.kill();
            killedAt = System.nanoTime();
            Thread.sleep(AFTER_THE_KILL.toMillis());
            loading.set(false);
        }
        assertEquals(List.of(), List.copyOf(failures), "invocations through A and C after B died");
        assertTrue(answered.get() > 10, "answered " + answered.get());

        // B's Event invocations are finished by A or C.
        for (String requestId : heldByB) {
            awaitLogged(List.of(a, c), "REPORT RequestId: " + requestId);
        }
        double takeover = (System.nanoTime() - killedAt) / 1e9;

        // A fourth server joins: once B's lease has run out it owns about a third of the versions.
        ServerProcess d = node("d");
        awaitLive(a, Set.of("a", "c", "d"));
        for (int i = 0; i < SHARE_FUNCTIONS; i++) {
            String name = "share-" + i;
            viaA.createFunction(r -> r.functionName(name).runtime(ThawServerExtension.RUNTIME)
                    .role(ThawServerExtension.ROLE).handler("example.Hello::handleRequest").memorySize(256)
                    .code(code -> code.zipFile(ExamplePackages.jar())));
            viaA.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
            assertEquals(null, viaA.invoke(r -> r.functionName(name)
                    .payload(SdkBytes.fromUtf8String("{\"name\":\"share\"}"))).functionError());
        }
        long onD = IntStream.range(0, SHARE_FUNCTIONS).filter(i -> logged("d", "of share-" + i + ":$LATEST")).count();
        assertTrue(onD > 0, "the new server ran none of " + SHARE_FUNCTIONS + " functions");

        // The killed server starts again on its data directory: it clears what its death left (its environments,
        // their namespaces and volumes) and rejoins.
        start("b");
        awaitLive(a, Set.of("a", "b", "c", "d"));

        FaultReport.write(FaultReport.Section.of("cluster failover", 0)
                .figure("invocations answered through the survivors while one of three died", answered.get())
                .figure("failed", failures.size())
                .figure("seconds from the kill until its queued events were finished", Math.round(takeover))
                .figure("functions of " + SHARE_FUNCTIONS + " the joining server ran", onD));
    }

    /** PostgreSQL, Redis, the bucket, the master key and the API keys the servers share. */
    private void share() throws Exception {
        root = Files.createDirectories(Path.of(System.getProperty("thaw.it.data-root", "target/fault-data")))
                .resolve("cluster-" + System.nanoTime());
        Files.createDirectories(root);
        postgres = PostgresServer.start();
        String database = postgres.newDatabase("thaw_cluster");
        redis = RedisServer.start();
        s3 = S3ProxyServer.startOnHost(root);
        try (S3Client client = s3.client()) {
            client.createBucket(r -> r.bucket(BUCKET));
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path masterKey = Files.write(root.resolve("master.key"), key);
        Files.setPosixFilePermissions(masterKey, OWNER_ONLY);
        credentials = Files.writeString(root.resolve("credentials"), "[default]\naws_access_key_id = AKIACLUSTER\n"
                + "aws_secret_access_key = cluster-secret-key\n");
        options = List.of("--database-url", database, "--redis-url", redis.url(),
                "--s3-endpoint", s3.endpoint().toString(), "--s3-bucket", BUCKET, "--master-key-file",
                masterKey.toString());
    }

    private ServerProcess node(String id) throws IOException, InterruptedException {
        Path dataDir = Files.createDirectories(root.resolve(id));
        // The shared API keys: a server uses the credentials file of its data directory.
        Files.setPosixFilePermissions(Files.copy(credentials, dataDir.resolve("credentials")), OWNER_ONLY);
        return start(id);
    }

    private ServerProcess start(String id) throws IOException, InterruptedException {
        Path dataDir = root.resolve(id);
        List<String> nodeOptions = new ArrayList<>(options);
        nodeOptions.addAll(List.of("--node-id", id));
        ServerProcess server = ServerProcess.start(dataDir, root.resolve(id + ".log"), nodeOptions,
                Map.of("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY,
                        "AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY));
        servers.add(server);
        return server;
    }

    /** An Event invocation accepted by {@code server} and kept there, as one passed on to it would be. */
    private String eventThrough(ServerProcess server, String marker) throws Exception {
        try (SignedHttpClient http = server.http()) {
            HttpResponse<String> response = http.send("POST", server.endpoint().resolve("/2015-03-31/functions/"
                            + EVENTS + "/invocations"), Map.of("X-Amz-Invocation-Type", "Event",
                            "X-Thaw-Forwarded-By", "test"),
                    ("{\"marker\":\"" + marker + "\",\"millis\":8000}").getBytes(StandardCharsets.UTF_8),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
            return response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        }
    }

    private long logLines(String text) throws IOException {
        long count = 0;
        for (String id : List.of("a", "b", "c")) {
            count += Files.readAllLines(root.resolve(id + ".log")).stream().filter(line -> line.contains(text)).count();
        }
        return count;
    }

    private boolean logged(String id, String text) {
        try {
            return Files.readString(root.resolve(id + ".log")).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private void awaitLive(ServerProcess server, Set<String> live) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            JsonNode nodes;
            try (SignedHttpClient http = server.http()) {
                nodes = Json.parse(http.get(server.endpoint().resolve("/thaw/cluster/nodes")).body()).path("Nodes");
            }
            Set<String> alive = new HashSet<>();
            nodes.forEach(node -> {
                if (node.path("Alive").asBoolean()) {
                    alive.add(node.path("NodeId").asText());
                }
            });
            if (alive.equals(live)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "live: " + alive + ", not " + live);
            Thread.sleep(500);
        }
    }

    private void awaitLogged(List<ServerProcess> candidates, String text) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (candidates.stream().noneMatch(server -> inLogs(server, text))) {
            assertTrue(System.nanoTime() < deadline, "not logged on " + candidates.size() + " servers: " + text);
            Thread.sleep(500);
        }
    }

    private static boolean inLogs(ServerProcess server, String text) {
        try (CloudWatchLogsClient logs = LambdaClients.logsForEndpoint(server.endpoint(), server.credentialsFile())) {
            return !logs.filterLogEvents(r -> r.logGroupName("/aws/lambda/" + EVENTS)
                    .filterPattern("\"" + text + "\"")).events().isEmpty();
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
