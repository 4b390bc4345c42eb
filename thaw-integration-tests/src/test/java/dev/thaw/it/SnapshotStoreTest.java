package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.api.client.SignedHttpClient;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Snapshots kept in the chunked, encrypted store, seen from outside: versions of one function share chunks, the
 * operator's figures and metrics show it, a corrupt durable chunk never gets restored (the invocation starts on
 * demand and the snapshot is made again), and deleting a function empties the store of it.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SnapshotStoreTest {

    @RegisterExtension
    // Every restore reads the store: a prepared (fetched and verified) copy would hide what the tiers hold.
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withIdleTimeout(Duration.ZERO)
            .withPreparedImageCache(0));

    @Test
    void versionsShareChunksAndTheOperatorSeesItUntilTheFunctionIsDeleted() throws Exception {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "store-dedup", "example.Hello::handleRequest");
        SnapStartVersions.publishActive(client, "store-dedup");
        client.updateFunctionConfiguration(r -> r.functionName("store-dedup")
                .environment(e -> e.variables(Map.of("GREETING", "Hi"))));
        client.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("store-dedup"));
        SnapStartVersions.publishActive(client, "store-dedup");

        JsonNode stats = functionStats("store-dedup");
        assertEquals(2, stats.path("Snapshots").asInt(), stats::toString);
        // Memory images of two JVMs share few whole 512 KiB chunks (addresses differ); their files do share.
        assertTrue(stats.path("DedupRatio").asDouble() > 1.0, () -> "two versions share chunks: " + stats);
        assertTrue(stats.path("StoredBytes").asLong() < stats.path("RawBytes").asLong(), stats::toString);
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("thaw_store_"), metrics);

        client.deleteFunction(r -> r.functionName("store-dedup"));
        assertEquals(List.of(), storeFilesOf("store-dedup"));
        assertTrue(functionStatsOrNull("store-dedup") == null, "no figures for a deleted function");
    }

    @Test
    void aCorruptDurableChunkIsNeverRestoredAndTheSnapshotIsMadeAgain() throws Exception {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "store-corrupt", "example.Hello::handleRequest");
        String function = "store-corrupt:" + SnapStartVersions.publishActive(client, "store-corrupt");

        Path durable = THAW.dataDir().resolve("store/durable");
        List<Path> chunks = storeFilesOf("store-corrupt").stream()
                .filter(path -> path.startsWith(durable) && path.toString().contains("/chunks/")).toList();
        assertTrue(!chunks.isEmpty(), "the snapshot's chunks are in the durable directory");
        for (Path chunk : chunks) {
            byte[] bytes = Files.readAllBytes(chunk);
            bytes[bytes.length / 2] ^= 0x5a;
            Files.write(chunk, bytes);
        }
        // Without the local cache, the chunks can only come from the durable tier.
        for (Path cached : storeFilesOf("store-corrupt")) {
            if (cached.startsWith(THAW.dataDir().resolve("store/cache"))) {
                Files.delete(cached);
            }
        }

        InvokeResponse fallback = Invocations.invokeWithTail(client, function, "{\"name\":\"Bob\"}");
        assertNull(fallback.functionError(), () -> Invocations.text(fallback));
        assertEquals("\"Hello, Bob!\"", Invocations.text(fallback));
        Reports.assertInitialised(fallback);
        String log = Invocations.tailLog(fallback.logResult());
        assertTrue(log.contains("Restore Status: failed, started on demand"), log);

        // The snapshot is made again in the background; cold starts restore once it is there.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            InvokeResponse response = Invocations.invokeWithTail(client, function, "{\"name\":\"Bob\"}");
            assertNull(response.functionError(), () -> Invocations.text(response));
            if (Invocations.tailLog(response.logResult()).contains("Restore Duration: ")) {
                Reports.assertRestored(response);
                break;
            }
            assertTrue(System.nanoTime() < deadline, "the snapshot was not made again");
            Thread.sleep(250);
        }
    }

    private static JsonNode functionStats(String function) throws IOException, InterruptedException {
        JsonNode stats = functionStatsOrNull(function);
        assertTrue(stats != null, () -> function + " missing from the store's figures");
        return stats;
    }

    private static JsonNode functionStatsOrNull(String function) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/thaw/store/stats");
        assertEquals(200, response.statusCode(), response::body);
        for (JsonNode stats : Json.parse(response.body()).path("Functions")) {
            if (stats.path("Function").asText().equals(function)) {
                return stats;
            }
        }
        return null;
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        try (SignedHttpClient http = THAW.http()) {
            return http.get(THAW.endpoint().resolve(path));
        }
    }

    /** Every file of the store (any local tier) whose path names the function. */
    private static List<Path> storeFilesOf(String function) throws IOException {
        Path store = THAW.dataDir().resolve("store");
        try (Stream<Path> files = Files.walk(store)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> store.relativize(path).toString().contains(function)).toList();
        }
    }
}
