package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Reads how an invocation's environment started from its REPORT line: a cold start that ran init says
 * {@code Init Duration}, one restored from a SnapStart snapshot says {@code Restore Duration} and
 * {@code Billed Restore Duration} instead, and a warm invocation says neither.
 */
final class Reports {

    private Reports() {
    }

    /** Invokes {@code function} (qualified or not) with the log tail and asserts that a restored copy answered. */
    static JsonNode invokeRestored(LambdaClient client, String function, String json) {
        InvokeResponse response = Invocations.invokeWithTail(client, function, json);
        assertNull(response.functionError(), () -> Invocations.text(response));
        assertRestored(response);
        return Invocations.json(response);
    }

    static void assertRestored(InvokeResponse response) {
        String report = report(response);
        assertTrue(report.contains("Restore Duration: ") && report.contains("Billed Restore Duration: "), report);
        assertFalse(report.contains("Init Duration"), report);
    }

    /** Asserts an on-demand cold start: a JVM started and ran the function's init. */
    static void assertInitialised(InvokeResponse response) {
        String report = report(response);
        assertTrue(report.contains("Init Duration: "), report);
        assertFalse(report.contains("Restore Duration"), report);
    }

    private static String report(InvokeResponse response) {
        assertNotNull(response.logResult(), "invoke without LogType Tail");
        String log = Invocations.tailLog(response.logResult());
        return log.lines().filter(line -> line.startsWith("REPORT RequestId:")).findFirst()
                .orElseThrow(() -> new AssertionError("no REPORT line in " + log));
    }
}
