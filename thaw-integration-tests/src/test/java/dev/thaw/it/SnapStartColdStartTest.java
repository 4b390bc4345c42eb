package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartException;

/**
 * Restored copies of SnapStart versions: hooks, concurrency, uniqueness and /tmp. The server keeps no
 * environment warm after an invocation, so every invocation below is a cold start.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SnapStartColdStartTest {

    /** What {@code example.CracHooks} records in every restored copy: A and B registered in that order. */
    private static final List<String> HOOKS_PER_COPY = List.of(
            "beforeCheckpoint B", "beforeCheckpoint A", "afterRestore A", "afterRestore B");

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withIdleTimeout(Duration.ZERO));

    private static String hooks;

    @BeforeAll
    static void publishHooksFunction() {
        SnapStartVersions.createFunction(THAW, "snap-hooks", "example.CracHooks::handleRequest");
        hooks = "snap-hooks:" + SnapStartVersions.publishActive(THAW.client(), "snap-hooks");
    }

    @Test
    void hooksRunBeforeTheCheckpointOnceAndAfterEachRestoreOnce() {
        for (int copy = 0; copy < 2; copy++) {
            JsonNode seen = Reports.invokeRestored(THAW.client(), hooks, "{}");
            assertEquals(HOOKS_PER_COPY, strings(seen.path("calls")));
            assertEquals("snap-start", seen.path("initializationType").asText());
        }
    }

    /**
     * On JDK 25 the snapshot's JVM starts from an AOT cache written by a training run of init: the hooks and what
     * copies share must be the same, the training run's init must leave nothing in the snapshot. Lambda's
     * smallest memory size, so that the training run has to fit beside it too.
     */
    @Test
    void aSnapshotWithAnAotCacheBehavesTheSame() {
        THAW.createFunction("snap-hooks-aot", "example.CracHooks::handleRequest", b -> b.runtime("java25")
                .memorySize(128)
                .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS)));
        String function = "snap-hooks-aot:" + SnapStartVersions.publishActive(THAW.client(), "snap-hooks-aot");

        JsonNode first = Reports.invokeRestored(THAW.client(), function, "{}");
        JsonNode second = Reports.invokeRestored(THAW.client(), function, "{}");
        for (JsonNode copy : List.of(first, second)) {
            assertEquals(HOOKS_PER_COPY, strings(copy.path("calls")), copy::toString);
        }
        assertEquals(first.path("initUuid"), second.path("initUuid"), "UUID drawn during init");
        assertNotEquals(first.path("restoreValue"), second.path("restoreValue"), "UUID drawn in afterRestore");
    }

    @Test
    void concurrentColdStartsEachRestoreTheirOwnCopy() throws InterruptedException, ExecutionException {
        int copies = 3;
        ExecutorService pool = Executors.newFixedThreadPool(copies);
        try {
            List<Future<JsonNode>> calls = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                calls.add(pool.submit(() -> Reports.invokeRestored(THAW.client(), hooks, "{}")));
            }
            List<JsonNode> seen = new ArrayList<>();
            for (Future<JsonNode> call : calls) {
                seen.add(call.get());
            }
            assertEquals(copies, distinct(seen, "environmentId"), seen::toString);
            assertEquals(copies, distinct(seen, "restoreValue"), seen::toString);
            seen.forEach(copy -> assertEquals(HOOKS_PER_COPY, strings(copy.path("calls"))));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void copiesShareWhatInitCreatedButDrawFreshValuesAfterRestore() {
        JsonNode first = Reports.invokeRestored(THAW.client(), hooks, "{}");
        JsonNode second = Reports.invokeRestored(THAW.client(), hooks, "{}");
        assertNotEquals(first.path("environmentId"), second.path("environmentId"));

        assertEquals(first.path("initRandom"), second.path("initRandom"), "java.util.Random seeded during init");
        assertEquals(first.path("initUuid"), second.path("initUuid"), "UUID drawn during init");
        assertTrue(first.path("restoreValue").isTextual(), first::toString);
        assertNotEquals(first.path("restoreValue"), second.path("restoreValue"), "UUID drawn in afterRestore");
        assertNotEquals(first.path("secureRandom"), second.path("secureRandom"), "SecureRandom drawn at invoke");
    }

    @Test
    void latestNeverRestores() {
        for (int start = 0; start < 2; start++) {
            InvokeResponse response = Invocations.invokeWithTail(THAW.client(), "snap-hooks", "{}");
            assertNull(response.functionError(), () -> Invocations.text(response));
            Reports.assertInitialised(response);
            JsonNode seen = Invocations.json(response);
            assertEquals(List.of(), strings(seen.path("calls")));
            assertEquals("on-demand", seen.path("initializationType").asText());
        }
    }

    @Test
    void tmpWrittenDuringInitIsInEveryCopyAndWhatACopyWritesStaysInIt() {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-tmp", "example.TmpAtInit::handleRequest");
        String function = "snap-tmp:" + SnapStartVersions.publishActive(client, "snap-tmp");

        JsonNode first = Reports.invokeRestored(client, function, "{\"write\":\"from the first copy\"}");
        JsonNode second = Reports.invokeRestored(client, function, "{\"write\":\"from the second copy\"}");
        assertNotEquals(first.path("environmentId"), second.path("environmentId"));
        assertTrue(first.path("initFile").asText().startsWith("written during init "), first::toString);
        assertEquals(first.path("initFile"), second.path("initFile"));
        assertTrue(first.path("copyFile").isNull(), first::toString);
        assertTrue(second.path("copyFile").isNull(), second::toString);
    }

    @Test
    void afterRestoreFailureAnswersSnapStartException() {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-restore-fails", "example.AfterRestoreFails::handleRequest");
        String function = "snap-restore-fails:" + SnapStartVersions.publishActive(client, "snap-restore-fails");

        // Twice: a copy whose hook failed must not be left to serve the next invocation.
        for (int attempt = 0; attempt < 2; attempt++) {
            SnapStartException failed = assertThrows(SnapStartException.class,
                    () -> Invocations.invoke(client, function, "{}"));
            assertEquals(400, failed.statusCode());
            assertNotNull(failed.awsErrorDetails().errorMessage());
        }
        assertEquals("\"ok\"", Invocations.text(Invocations.invoke(client, "snap-restore-fails", "{}")));
    }

    private static List<String> strings(JsonNode array) {
        assertTrue(array.isArray(), array::toString);
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static int distinct(List<JsonNode> results, String field) {
        return results.stream().map(result -> result.path(field).asText()).collect(Collectors.toSet()).size();
    }
}
