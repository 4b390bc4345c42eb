package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.invokeWithTail;
import static dev.thaw.it.Invocations.tailLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.cli.ServerOptions;
import dev.thaw.controlplane.PostgresServer;
import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.store.RedisServer;
import dev.thaw.store.S3Location;
import dev.thaw.store.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Two servers that share a PostgreSQL database, an S3-compatible durable tier, the master key and the API keys: a
 * function created and published through one is listed, invoked (on demand, and restored from the snapshot the
 * other made), changed and deleted through the other, and their changes never interleave.
 */
class SharedDatabaseServersTest {

    private static final String BUCKET = "thaw-it-shared";
    /** Small enough to fill: each of the two servers holds about half of what reservations leave. */
    private static final int ACCOUNT_CONCURRENCY = 4;

    @RegisterExtension
    @Order(1)
    static final Shared SHARED = new Shared();

    @RegisterExtension
    @Order(2)
    static final ThawServerExtension A = new ThawServerExtension(options -> SHARED.apply(options));

    @RegisterExtension
    @Order(3)
    static final ThawServerExtension B = new ThawServerExtension(options -> SHARED.apply(options));

    /** What the servers share, made before they start and removed after they stop. */
    static final class Shared implements BeforeAllCallback, AfterAllCallback {
        private PostgresServer postgres;
        private RedisServer redis;
        private TestNetwork testHost;
        private S3ProxyServer s3;
        private String databaseUrl;
        private Path masterKey;
        private Path credentials;

        @Override
        public void beforeAll(ExtensionContext context) throws Exception {
            if ("true".equals(System.getenv("CI"))) {
                assertTrue(TestNetwork.runningAsRoot(), "CI must run the shared-servers test as root");
            }
            Assumptions.assumeTrue(TestNetwork.runningAsRoot(), "making a test host takes root");
            postgres = PostgresServer.start();
            redis = RedisServer.start();
            databaseUrl = postgres.newDatabase("thaw_shared");
            testHost = TestNetwork.create();
            Path dir = Files.createTempDirectory("thaw-shared", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            s3 = S3ProxyServer.start(testHost, dir);
            try (S3Client client = s3.client()) {
                client.createBucket(r -> r.bucket(BUCKET));
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            masterKey = Files.write(dir.resolve("master.key"), key);
            credentials = Files.writeString(dir.resolve("credentials"), "[default]\naws_access_key_id = AKIASHARED\n"
                    + "aws_secret_access_key = shared-secret-key\n");
        }

        /** A server's own options, with everything shared. */
        ServerOptions apply(ServerOptions options) {
            return options.withDatabaseUrl(Optional.of(databaseUrl)).withConcurrencyLimit(ACCOUNT_CONCURRENCY)
                    .withStore(StoreConfig.defaults(options.dataDir()).withMasterKeyFile(masterKey)
                            .withRedisUrl(redis.url())
                            .withS3(new S3Location(s3.endpoint(), BUCKET, "us-east-1",
                                    S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, true)))
                    .withAccess(options.access().withCredentialsFile(credentials));
        }

        @Override
        public void afterAll(ExtensionContext context) throws Exception {
            try {
                if (s3 != null) {
                    s3.close();
                }
                if (testHost != null) {
                    testHost.close();
                }
            } finally {
                if (postgres != null) {
                    postgres.close();
                }
                if (redis != null) {
                    redis.close();
                }
            }
        }
    }

    @Test
    void anInvocationRunsOnTheServerThatOwnsItsFunctionWhereverItArrives() throws Exception {
        LambdaClient a = A.client();
        LambdaClient b = B.client();
        A.createFunction("routed-fn", "example.ContextEcho");
        Set<String> environments = new HashSet<>();
        timed(a, environments);
        long[] viaA = new long[ROUTED_CALLS];
        long[] viaB = new long[ROUTED_CALLS];
        for (int i = 0; i < ROUTED_CALLS; i++) {
            viaA[i] = timed(a, environments);
            viaB[i] = timed(b, environments);
        }
        assertEquals(1, environments.size(), "one warm environment serves both: " + environments);
        // Its function URL, on either server's URL port, is served by that same environment.
        String url = a.createFunctionUrlConfig(r -> r.functionName("routed-fn")
                .authType(FunctionUrlAuthType.NONE)).functionUrl();
        String urlId = URI.create(url).getHost().split("\\.")[0];
        for (ThawServerExtension server : List.of(A, B)) {
            HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.server().urlPort() + "/" + urlId + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, served.statusCode(), served::body);
            assertEquals(environments, Set.of(Json.parse(served.body()).path("environmentId").asText()),
                    served.body());
        }
        // Through either server, the request id the caller is answered with is the one the function ran under.
        for (LambdaClient client : List.of(a, b)) {
            InvokeResponse tailed = invokeWithTail(client, "routed-fn", "{}");
            String requestId = tailed.responseMetadata().requestId();
            assertTrue(tailLog(tailed.logResult()).contains("START RequestId: " + requestId),
                    requestId + " / " + tailLog(tailed.logResult()));
        }
        // Its log is read the same through either server: the owner's, where the environment runs.
        try (CloudWatchLogsClient logsA = LambdaClients.logsForEndpoint(A.endpoint(), A.credentialsFile());
             CloudWatchLogsClient logsB = LambdaClients.logsForEndpoint(B.endpoint(), B.credentialsFile())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reports(logsA) < 2 * ROUTED_CALLS + 3) {
                assertTrue(System.nanoTime() < deadline, "REPORT lines missing: " + reports(logsA));
                Thread.sleep(200);
            }
            assertEquals(reports(logsA), reports(logsB));
        }
        // Warm invocations, for the operator: one of the two servers is the owner, the other passes calls on to it.
        System.out.printf("invoke through A: p50 %.1f ms p99 %.1f ms; through B: p50 %.1f ms p99 %.1f ms%n",
                percentile(viaA, 50), percentile(viaA, 99), percentile(viaB, 50), percentile(viaB, 99));
    }

    @Test
    void aFunctionsReservedConcurrencyHoldsAcrossTheServers() throws Exception {
        LambdaClient a = A.client();
        LambdaClient b = B.client();
        // Set through A for a function B owns: B must learn of it.
        String name = null;
        for (int i = 0; name == null; i++) {
            String candidate = "reserved-" + i;
            A.createFunction(candidate, "example.Sleep");
            if (!ownerIsSelf(A, candidate)) {
                name = candidate;
            }
        }
        String function = name;
        a.putFunctionConcurrency(r -> r.functionName(function).reservedConcurrentExecutions(1));
        // Every server reads the reservations within a heartbeat.
        Thread.sleep(2 * Membership.HEARTBEAT.toMillis());
        invoke(a, function, "{\"millis\":0}");
        List<Future<InvokeResponse>> calls = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            for (LambdaClient client : List.of(a, b)) {
                calls.add(clients.submit(() -> invoke(client, function, "{\"millis\":3000}")));
                Thread.sleep(300);
            }
            int throttled = 0;
            for (Future<InvokeResponse> call : calls) {
                try {
                    call.get();
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof TooManyRequestsException, e.getCause().toString());
                    throttled++;
                }
            }
            assertEquals(1, throttled, "one of two concurrent calls through two servers, with a reservation of one");
        }
    }

    @Test
    void theAccountsConcurrencyIsOnePoolThatEveryServerHoldsAPartOf() throws Exception {
        LambdaClient a = A.client();
        A.createFunction("pooled-fn", "example.Sleep", r -> r.timeout(30));
        int unreserved = a.getAccountSettings().accountLimit().unreservedConcurrentExecutions();
        assertEquals(unreserved, B.client().getAccountSettings().accountLimit().unreservedConcurrentExecutions(),
                "one account, whichever server answers");
        // One more concurrent call than the whole account has room for, all through one server: its owner's part
        // is not enough, the rest spill over to the other server, and only the last is throttled.
        List<Future<InvokeResponse>> calls = new ArrayList<>();
        int throttled = 0;
        try (ExecutorService clients = Executors.newFixedThreadPool(unreserved + 1)) {
            for (int i = 0; i <= unreserved; i++) {
                calls.add(clients.submit(() -> invoke(a, "pooled-fn", "{\"millis\":6000}")));
                Thread.sleep(300);
            }
            for (Future<InvokeResponse> call : calls) {
                try {
                    InvokeResponse response = call.get();
                    assertNull(response.functionError(), () -> Invocations.text(response));
                } catch (ExecutionException e) {
                    TooManyRequestsException tooMany = assertInstanceOf(TooManyRequestsException.class,
                            e.getCause());
                    assertEquals(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, tooMany.reason());
                    throttled++;
                }
            }
        }
        assertEquals(1, throttled, unreserved + 1 + " concurrent calls, " + unreserved + " unreserved slots");

        // The calls ran on both servers, each in its own environment, and so did their logs: either server reads
        // the group as one.
        String group = "/aws/lambda/pooled-fn";
        try (CloudWatchLogsClient logsA = LambdaClients.logsForEndpoint(A.endpoint(), A.credentialsFile());
             CloudWatchLogsClient logsB = LambdaClients.logsForEndpoint(B.endpoint(), B.credentialsFile())) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reports(logsA, group) < unreserved) {
                assertTrue(System.nanoTime() < deadline, "REPORT lines missing: " + reports(logsA, group));
                Thread.sleep(200);
            }
            assertEquals(unreserved, reports(logsB, group));
            List<String> streams = logsA.describeLogStreams(r -> r.logGroupName(group)).logStreams().stream()
                    .map(LogStream::logStreamName).toList();
            assertEquals(unreserved, streams.size(), streams.toString());
            assertEquals(streams, logsB.describeLogStreams(r -> r.logGroupName(group)).logStreams().stream()
                    .map(LogStream::logStreamName).toList());
            for (String stream : streams) {
                for (CloudWatchLogsClient logs : List.of(logsA, logsB)) {
                    assertTrue(logs.getLogEvents(r -> r.logGroupName(group).logStreamName(stream)
                            .startFromHead(true)).events().stream().anyMatch(e -> e.message().startsWith("START")),
                            "stream " + stream + " read through either server");
                }
            }
            logsB.putRetentionPolicy(r -> r.logGroupName(group).retentionInDays(7));
            for (CloudWatchLogsClient logs : List.of(logsA, logsB)) {
                List<LogGroup> groups = logs.describeLogGroups(r -> r.logGroupNamePrefix(group)).logGroups();
                assertEquals(1, groups.size(), groups.toString());
                assertEquals(7, groups.getFirst().retentionInDays(), "a retention set through B holds on both");
            }
        }
    }

    @Test
    void aSnapshotMadeOnOneServerRestoresOnTheOtherFromRedis() throws Exception {
        LambdaClient a = A.client();
        // Published through A, which makes the snapshot; invoked, wherever, on B, its owner, which has none of it.
        String name = null;
        for (int i = 0; name == null; i++) {
            String candidate = "fetched-" + i;
            A.createFunction(candidate, "example.Sleep", r -> r.timeout(30)
                    .snapStart(s -> s.applyOn("PublishedVersions")));
            if (!ownerIsSelf(A, candidate)) {
                name = candidate;
            }
        }
        String function = name;
        String version = SnapStartVersions.publishActive(a, function);
        SnapStartVersions.assumeSnapStartAvailable(SnapStartVersions.configuration(a, function, version));
        assertTrue(cachedChunks(A, function) > 0, "A made the snapshot");
        assertEquals(0, cachedChunks(B, function), "B has none of it");
        long hitsBefore = redisHits();

        // Two cold starts on B: the first fetches the snapshot from Redis, the second restores the copy it keeps.
        List<Future<InvokeResponse>> calls = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                calls.add(clients.submit(() -> invokeWithTail(a, function + ":" + version, "{\"millis\":3000}")));
                Thread.sleep(1500);
            }
            List<String> restores = new ArrayList<>();
            for (Future<InvokeResponse> call : calls) {
                InvokeResponse response = call.get();
                assertNull(response.functionError(), () -> Invocations.text(response));
                String log = tailLog(response.logResult());
                Matcher restore = RESTORE_DURATION.matcher(log);
                assertTrue(restore.find(), log);
                restores.add(restore.group(1));
            }
            System.out.printf("restore on a server without the snapshot, fetched from Redis: %s ms; from the copy "
                    + "it then keeps: %s ms%n", restores.get(0), restores.get(1));
        }
        long fetched = cachedChunks(B, function);
        assertTrue(fetched > 0, "B keeps what it fetched in L1");
        assertTrue(redisHits() - hitsBefore >= fetched, "B's chunks came from Redis: " + (redisHits() - hitsBefore)
                + " hits for " + fetched + " chunks");
        // Deleted through A, it leaves B's L1 too.
        a.deleteFunction(r -> r.functionName(function));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (cachedChunks(B, function) > 0) {
            assertTrue(System.nanoTime() < deadline, "B keeps the deleted function's chunks in L1");
            Thread.sleep(250);
        }
    }

    private static final Pattern RESTORE_DURATION = Pattern.compile("Restore Duration: ([0-9.]+) ms");

    /** How many reads the shared Redis has answered with a value. */
    private static long redisHits() {
        try (RedisClient client = SHARED.redis.client()) {
            String info = client.info("stats");
            Matcher hits = Pattern.compile("keyspace_hits:(\\d+)").matcher(info);
            assertTrue(hits.find(), info);
            return Long.parseLong(hits.group(1));
        }
    }

    /** Whether {@code server} owns the function, as thaw cluster status lists it. */
    private static boolean ownerIsSelf(ThawServerExtension server, String function) throws Exception {
        var nodes = Json.parse(server.http().get(server.endpoint().resolve("/thaw/cluster/nodes")).body())
                .path("Nodes");
        for (var node : nodes) {
            if (node.path("Self").asBoolean()) {
                return node.path("Functions").toString().contains("\"" + function + "\"");
            }
        }
        throw new AssertionError("no node is this one: " + nodes);
    }

    private static final int ROUTED_CALLS = 40;

    private static int reports(CloudWatchLogsClient logs) {
        return reports(logs, "/aws/lambda/routed-fn");
    }

    private static int reports(CloudWatchLogsClient logs, String group) {
        return logs.filterLogEvents(r -> r.logGroupName(group).filterPattern("REPORT")).events().size();
    }

    private static long timed(LambdaClient client, Set<String> environments) {
        long started = System.nanoTime();
        InvokeResponse response = invoke(client, "routed-fn", "{}");
        long took = System.nanoTime() - started;
        assertNull(response.functionError(), () -> Invocations.text(response));
        environments.add(Invocations.json(response).path("environmentId").asText());
        return took;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(index, 0)] / 1e6;
    }

    @Test
    void eitherServerAnswersForFunctionsTheOtherMade() throws Exception {
        LambdaClient a = A.client();
        LambdaClient b = B.client();
        A.createFunction("shared-fn", "example.Hello::handleRequest",
                r -> r.snapStart(s -> s.applyOn("PublishedVersions")));
        String version = SnapStartVersions.publishActive(a, "shared-fn");
        SnapStartVersions.assumeSnapStartAvailable(SnapStartVersions.configuration(a, "shared-fn", version));

        assertTrue(b.listFunctions().functions().stream().map(FunctionConfiguration::functionName).toList()
                .contains("shared-fn"));
        InvokeResponse onDemand = invoke(b, "shared-fn", "{\"name\":\"B\"}");
        assertNull(onDemand.functionError(), () -> Invocations.text(onDemand));
        assertTrue(Invocations.text(onDemand).contains("B"), Invocations.text(onDemand));
        InvokeResponse restored = invokeWithTail(b, "shared-fn:" + version, "{\"name\":\"R\"}");
        assertNull(restored.functionError(), () -> Invocations.text(restored));
        assertTrue(tailLog(restored.logResult()).contains("Restore Duration"), tailLog(restored.logResult()));

        b.updateFunctionConfiguration(r -> r.functionName("shared-fn").description("changed through B"));
        b.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("shared-fn"));
        assertEquals("changed through B", a.getFunctionConfiguration(r -> r.functionName("shared-fn"))
                .description());

        // Publishing through both at once: each change holds the database's lock, so they do not both take the
        // next number; the second finds $LATEST published already and answers that version, as Lambda does.
        b.updateFunctionConfiguration(r -> r.functionName("shared-fn").snapStart(s -> s.applyOn("None")));
        b.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("shared-fn"));
        List<String> published;
        try (ExecutorService clients = Executors.newFixedThreadPool(2)) {
            Future<String> viaA = clients.submit(() -> a.publishVersion(p -> p.functionName("shared-fn")
                    .description("via A")).version());
            Future<String> viaB = clients.submit(() -> b.publishVersion(p -> p.functionName("shared-fn")
                    .description("via B")).version());
            published = List.of(viaA.get(), viaB.get());
        }
        assertEquals(List.of("2", "2"), published);
        assertEquals(Set.of("$LATEST", "1", "2"), a.listVersionsByFunction(r -> r.functionName("shared-fn"))
                .versions().stream().map(FunctionConfiguration::version).collect(Collectors.toSet()));

        // Both have joined, each sees the other alive, and says what each holds: the snapshot's chunks in L1, its
        // decrypted copy ready, the SnapStart version's environment.
        var nodes = Json.parse(A.http().get(A.endpoint().resolve("/thaw/cluster/nodes")).body()).path("Nodes");
        assertEquals(2, nodes.size(), nodes.toString());
        long cached = 0;
        long ready = 0;
        long environments = 0;
        for (var node : nodes) {
            assertTrue(node.path("Alive").asBoolean(), nodes.toString());
            assertTrue(node.path("Holds").path("Environments").isNumber(), nodes.toString());
            cached += node.path("Holds").path("LocalCacheBytes").asLong();
            ready += node.path("Holds").path("PreparedSnapshotBytes").asLong();
            environments += node.path("Holds").path("Environments").asLong();
        }
        assertTrue(cached > 0 && ready > 0 && environments > 0, nodes.toString());
        assertEquals(Set.of(A.endpoint().toString(), B.endpoint().toString()),
                Set.of(nodes.path(0).path("Address").asText(), nodes.path(1).path("Address").asText()));

        // Deleted through the server whose L1 holds fewer of its chunks, the one that made the snapshot keeps them.
        boolean throughB = cachedChunks(A, "shared-fn") >= cachedChunks(B, "shared-fn");
        ThawServerExtension other = throughB ? A : B;
        assertTrue(cachedChunks(other, "shared-fn") > 0, "the snapshot's maker has its chunks in L1");
        (throughB ? b : a).deleteFunction(r -> r.functionName("shared-fn"));
        assertThrows(ResourceNotFoundException.class, () -> other.client().getFunction(r -> r.functionName(
                "shared-fn")));
        // Neither server keeps the deleted function's snapshot ready, decrypted, any longer, nor its chunks in L1.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (preparedSnapshots() > 0 || cachedChunks(other, "shared-fn") > 0) {
            assertTrue(System.nanoTime() < deadline, "a deleted function's prepared snapshots or chunks stay: "
                    + preparedSnapshots() + " / " + cachedChunks(other, "shared-fn"));
            Thread.sleep(250);
        }
    }

    /** The function's chunks in the server's L1 (its data directory's store cache). */
    private static long cachedChunks(ThawServerExtension server, String function) throws IOException {
        Path chunks = server.dataDir().resolve("store/cache/chunks").resolve(function);
        if (!Files.isDirectory(chunks)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(chunks)) {
            return files.count();
        }
    }

    /** The snapshots both servers keep ready (one process: /dev/shm is shared, else each data directory). */
    private static long preparedSnapshots() throws IOException {
        long count = 0;
        String name = "thaw-prepared-" + ProcessHandle.current().pid();
        for (Path root : List.of(Path.of("/dev/shm", name), A.dataDir().resolve(name), B.dataDir().resolve(name))) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> entries = Files.list(root)) {
                    count += entries.count();
                }
            }
        }
        return count;
    }
}
