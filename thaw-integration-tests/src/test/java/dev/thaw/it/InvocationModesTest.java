package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.invokeWithTail;
import static dev.thaw.it.Invocations.tailLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Invocation types (RequestResponse, Event, DryRun) and the log tail. */
class InvocationModesTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S+)\\s+Duration: \\d+(\\.\\d+)? ms\\s+Billed Duration: \\d+ ms\\s+"
                    + "Memory Size: 256 MB\\s+Max Memory Used: \\d+ MB");

    private final LambdaClient lambda = THAW.client();

    @Test
    void tailCarriesTheInvocationLogWithInitDurationOnlyOnTheColdStart() {
        THAW.createFunction("modes-tail", "example.Logging");

        InvokeResponse cold = invokeWithTail(lambda, "modes-tail", "{\"marker\":\"first-call\"}");
        assertEquals("\"logged first-call\"", Invocations.text(cold));
        String coldLog = tailLog(cold.logResult());
        String requestId = cold.responseMetadata().requestId();
        assertTrue(coldLog.contains("START RequestId: " + requestId + " Version: $LATEST"), coldLog);
        assertTrue(coldLog.contains("END RequestId: " + requestId), coldLog);
        assertTrue(coldLog.contains("stdout first-call"), coldLog);
        assertTrue(coldLog.contains("stderr first-call"), coldLog);
        assertTrue(coldLog.contains("logger first-call"), coldLog);
        Matcher report = REPORT.matcher(coldLog);
        assertTrue(report.find(), coldLog);
        assertEquals(requestId, report.group(1));
        assertTrue(Pattern.compile("Init Duration: \\d+(\\.\\d+)? ms").matcher(coldLog).find(), coldLog);

        InvokeResponse warm = invokeWithTail(lambda, "modes-tail", "{\"marker\":\"second-call\"}");
        String warmLog = tailLog(warm.logResult());
        assertTrue(REPORT.matcher(warmLog).find(), warmLog);
        assertTrue(warmLog.contains("stdout second-call"), warmLog);
        assertFalse(warmLog.contains("first-call"), "the tail holds only this invocation's log: " + warmLog);
        assertFalse(warmLog.contains("Init Duration"), "a warm invoke has no init: " + warmLog);

        assertNull(invoke(lambda, "modes-tail", "{\"marker\":\"untailed\"}").logResult(),
                "without LogType=Tail no log is returned");
    }

    @Test
    void tailIsTheLastFourKilobytesOfALongLog() {
        THAW.createFunction("modes-long-log", "example.Logging");
        InvokeResponse response = invokeWithTail(lambda, "modes-long-log", "{\"marker\":\"" + "m".repeat(6000) + "\"}");
        byte[] tail = Base64.getDecoder().decode(response.logResult());
        assertTrue(tail.length <= 4096, "tail of " + tail.length + " bytes");
        assertTrue(REPORT.matcher(new String(tail, StandardCharsets.UTF_8)).find(), "the tail must end with REPORT");
    }

    @Test
    void eventInvocationIsAcceptedAndRunsLater() throws InterruptedException {
        THAW.createFunction("modes-event", "example.TmpFiles");
        // One environment only: the synchronous reads below must land where the event ran.
        lambda.putFunctionConcurrency(r -> r.functionName("modes-event").reservedConcurrentExecutions(1));

        InvokeResponse accepted = lambda.invoke(r -> r.functionName("modes-event")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String("{\"write\":\"from-event\"}")));
        assertEquals(202, accepted.statusCode());
        assertEquals(0, accepted.payload().asByteArray().length);

        assertEquals("from-event", readTmpWhenIdle("modes-event"));
    }

    @Test
    void dryRunValidatesWithoutInvoking() {
        THAW.createFunction("modes-dry-run", "example.TmpFiles");
        InvokeResponse dryRun = lambda.invoke(r -> r.functionName("modes-dry-run")
                .invocationType(InvocationType.DRY_RUN).payload(SdkBytes.fromUtf8String("{\"write\":\"from-dry-run\"}")));
        assertEquals(204, dryRun.statusCode());
        assertEquals(0, dryRun.payload().asByteArray().length);
        assertNull(Invocations.json(invoke(lambda, "modes-dry-run", "{}")).path("previous").textValue(),
                "DryRun must not run the function");

        assertThrows(ResourceNotFoundException.class, () -> lambda.invoke(r -> r.functionName("modes-no-such")
                .invocationType(InvocationType.DRY_RUN)));
    }

    /** Reads TmpFiles' stored value, waiting while the function's only environment is still busy. */
    private String readTmpWhenIdle(String function) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            // Poll gently: every read competes with the event for the function's only environment.
            Thread.sleep(500);
            try {
                String previous = Invocations.json(invoke(lambda, function, "{}")).path("previous").textValue();
                if (previous != null) {
                    return previous;
                }
            } catch (TooManyRequestsException busy) {
                // The event invocation still holds the one environment.
            }
        }
        return null;
    }
}
