package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/** What callers see when a function fails, and that the function serves again afterwards. */
class FailureModesTest {

    /** Short, so that the hanging-init case does not wait Lambda's full 10 s. */
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(3);

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withInitTimeout(INIT_TIMEOUT));

    private final LambdaClient lambda = THAW.client();

    @Test
    void handlerExceptionIsAnUnhandledFunctionError() {
        THAW.createFunction("failure-throws", "example.Fail");
        JsonNode error = assertUnhandled(invoke(lambda, "failure-throws", "{\"message\":\"no such order\"}"));
        assertEquals("no such order", error.path("errorMessage").asText());
        assertEquals("example.ExampleFailureException", error.path("errorType").asText());
        JsonNode stackTrace = error.path("stackTrace");
        assertTrue(stackTrace.isArray() && !stackTrace.isEmpty(), error::toString);
        assertTrue(stackTrace.get(0).asText().contains("example.Fail.handleRequest"), error::toString);
    }

    @Test
    void timeoutEndsTheInvocationAndTheNextOneWorks() {
        THAW.createFunction("failure-timeout", "example.Sleep", b -> b.timeout(1));
        InvokeResponse timedOut = invoke(lambda, "failure-timeout", "{\"millis\":20000}");
        assertEquals("Unhandled", timedOut.functionError());
        assertTrue(text(timedOut).contains("Task timed out after 1.00 seconds"), text(timedOut));

        assertSucceeds("\"slept 10 ms\"", invoke(lambda, "failure-timeout", "{\"millis\":10}"));
    }

    @Test
    void runningOutOfMemoryIsAFunctionErrorAndTheNextInvokeWorks() {
        THAW.createFunction("failure-oom", "example.OutOfMemory", b -> b.memorySize(128).timeout(60));
        JsonNode error = assertUnhandled(invoke(lambda, "failure-oom", "{}"));
        // Lambda reports the Java error when the heap runs out first, Runtime.OutOfMemory when the environment
        // exceeds MemorySize and is killed.
        assertTrue(Set.of("java.lang.OutOfMemoryError", "Runtime.OutOfMemory")
                .contains(error.path("errorType").asText()), error::toString);

        assertSucceeds("\"allocated 1 MiB without running out of memory\"",
                invoke(lambda, "failure-oom", "{\"capMb\":1}"));
    }

    @Test
    void jvmDyingMidInvocationIsAnExitErrorAndTheNextInvokeWorks() {
        THAW.createFunction("failure-crash", "example.Crash");
        JsonNode error = assertUnhandled(invoke(lambda, "failure-crash", "{\"exitStatus\":3}"));
        assertEquals("Runtime.ExitError", error.path("errorType").asText(), error::toString);
        assertTrue(error.path("errorMessage").asText().contains("exit status 3"), error::toString);

        assertSucceeds("\"still alive\"", invoke(lambda, "failure-crash", "{}"));
    }

    @Test
    void exceptionInStaticInitIsReportedOnEveryInvoke() {
        THAW.createFunction("failure-init-throws", "example.InitFailure");
        for (int i = 0; i < 2; i++) {
            InvokeResponse response = invoke(lambda, "failure-init-throws", "{}");
            assertEquals("Unhandled", response.functionError());
            assertTrue(text(response).contains("example init failure: required setting is missing"), text(response));
        }
    }

    @Test
    void initThatNeverFinishesIsCutOff() {
        THAW.createFunction("failure-init-hangs", "example.InitHang", b -> b.timeout(3));
        // After the init timeout Lambda retries init within the invoke, bounded by the function's timeout.
        JsonNode error = assertUnhandled(invoke(lambda, "failure-init-hangs", "{}"));
        assertTrue(error.path("errorMessage").asText().contains("Task timed out after 3.00 seconds"), error::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "example.NoSuchClass::handleRequest, example.NoSuchClass",
            "example.Hello::noSuchMethod,        noSuchMethod"})
    void handlerThatCannotBeFoundIsReportedAtInvoke(String handler, String named) {
        String function = "failure-missing-" + named.replace('.', '-');
        THAW.createFunction(function, handler);
        JsonNode error = assertUnhandled(invoke(lambda, function, "{}"));
        assertTrue(error.toString().contains(named), error::toString);
    }

    @Test
    void responseOverSixMegabytesIsReplacedByAnError() {
        THAW.createFunction("failure-big-response", "example.BigResponse", b -> b.memorySize(512));
        JsonNode error = assertUnhandled(invoke(lambda, "failure-big-response", "{}"));
        assertEquals("Function.ResponseSizeTooLarge", error.path("errorType").asText(), error::toString);

        assertSucceeds("\"xxx\"", invoke(lambda, "failure-big-response", "{\"bytes\":3}"));
    }

    @Test
    void requestOverSixMegabytesIsRejected() {
        THAW.createFunction("failure-big-request", "example.Hello");
        String name = "x".repeat(6 * 1024 * 1024);
        // Lambda answers with the error code RequestEntityTooLargeException, which the SDK has no class for.
        LambdaException e = assertThrows(LambdaException.class,
                () -> invoke(lambda, "failure-big-request", "{\"name\":\"" + name + "\"}"));
        assertEquals(413, e.statusCode());
        assertEquals("RequestEntityTooLargeException", e.awsErrorDetails().errorCode());
    }

    @Test
    void payloadThatIsNotJsonIsRejected() {
        THAW.createFunction("failure-not-json", "example.Hello");
        InvalidRequestContentException e = assertThrows(InvalidRequestContentException.class,
                () -> invoke(lambda, "failure-not-json", "{\"name\": Bob"));
        assertEquals(400, e.statusCode());
    }

    private static JsonNode assertUnhandled(InvokeResponse response) {
        assertEquals(200, response.statusCode());
        assertEquals("Unhandled", response.functionError(), () -> text(response));
        return Invocations.json(response);
    }

    private static void assertSucceeds(String expected, InvokeResponse response) {
        assertNull(response.functionError(), () -> text(response));
        assertEquals(expected, text(response));
    }
}
