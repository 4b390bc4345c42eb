package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.ThawServerExtension.functionArn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** What a function sees of its environment: Context, variables, and its private /tmp. */
class EnvironmentTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final String ECHO_GREETING = "{\"env\":[\"GREETING\"]}";

    private final LambdaClient lambda = THAW.client();

    @Test
    void contextAndVariablesDescribeTheInvokedVersion() {
        THAW.createFunction("env-echo", "example.ContextEcho",
                b -> b.memorySize(320).timeout(12).environment(e -> e.variables(Map.of("GREETING", "hello"))));

        InvokeResponse latest = invoke(lambda, "env-echo", ECHO_GREETING);
        JsonNode seen = Invocations.json(latest);
        assertEquals(latest.responseMetadata().requestId(), seen.path("requestId").asText());
        assertEquals("env-echo", seen.path("functionName").asText());
        assertEquals("$LATEST", seen.path("functionVersion").asText());
        assertEquals(functionArn("env-echo"), seen.path("invokedFunctionArn").asText());
        assertEquals(320, seen.path("memoryLimitInMB").asInt());
        long remaining = seen.path("remainingTimeInMillis").asLong();
        assertTrue(remaining > 0 && remaining <= 12_000, "remaining time " + remaining);

        JsonNode env = seen.path("env");
        assertEquals("env-echo", env.path("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("$LATEST", env.path("AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals("320", env.path("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText());
        assertEquals("on-demand", env.path("AWS_LAMBDA_INITIALIZATION_TYPE").asText());
        assertEquals(ThawServerExtension.REGION, env.path("AWS_REGION").asText());
        assertEquals("example.ContextEcho", env.path("_HANDLER").asText());
        assertEquals("hello", env.path("GREETING").asText());

        String clientContext = Base64.getEncoder().encodeToString(
                "{\"custom\":{\"tenant\":\"blue\"}}".getBytes(StandardCharsets.UTF_8));
        JsonNode withClientContext = Invocations.json(lambda.invoke(r -> r.functionName("env-echo")
                .clientContext(clientContext).payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals("blue", withClientContext.path("clientContextCustom").path("tenant").asText(),
                withClientContext::toString);

        lambda.publishVersion(r -> r.functionName("env-echo"));
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName("env-echo").qualifier("1"));
        JsonNode versioned = Invocations.json(invoke(lambda, "env-echo:1", ECHO_GREETING));
        assertEquals("1", versioned.path("functionVersion").asText());
        assertEquals("1", versioned.path("env").path("AWS_LAMBDA_FUNCTION_VERSION").asText());
        assertEquals(functionArn("env-echo") + ":1", versioned.path("invokedFunctionArn").asText());
    }

    @Test
    void javaToolOptionsReachTheFunctionsJvm() {
        THAW.createFunction("env-tool-options", "example.ContextEcho",
                b -> b.environment(e -> e.variables(Map.of("JAVA_TOOL_OPTIONS", "-Dexample.flag=on"))));
        JsonNode seen = Invocations.json(invoke(lambda, "env-tool-options", "{\"properties\":[\"example.flag\"]}"));
        assertEquals("on", seen.path("properties").path("example.flag").asText(), seen::toString);
    }

    @Test
    void reservedVariablesCannotBeSet() {
        InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                () -> THAW.createFunction("env-reserved", "example.ContextEcho",
                        b -> b.environment(v -> v.variables(Map.of("AWS_REGION", "eu-west-1")))));
        assertTrue(e.getMessage().contains("AWS_REGION"), e::getMessage);
    }

    @Test
    void tmpPersistsAcrossWarmInvokesAndIsPrivateToTheEnvironment() throws IOException {
        THAW.createFunction("env-tmp-writer", "example.TmpFiles");
        THAW.createFunction("env-tmp-reader", "example.TmpFiles");
        String marker = "marker-" + UUID.randomUUID();

        JsonNode first = Invocations.json(invoke(lambda, "env-tmp-writer", "{\"write\":\"" + marker + "\"}"));
        assertNull(first.path("previous").textValue(), "a new environment starts with an empty /tmp");
        JsonNode second = Invocations.json(invoke(lambda, "env-tmp-writer", "{}"));
        assertEquals(marker, second.path("previous").asText());
        assertEquals(first.path("environmentId"), second.path("environmentId"), "the warm environment was not reused");

        assertNull(Invocations.json(invoke(lambda, "env-tmp-reader", "{}")).path("previous").textValue(),
                "another function's environment saw this one's /tmp");
        Path hostFile = Path.of("/tmp/thaw-example.txt");
        assertFalse(Files.exists(hostFile) && Files.readString(hostFile).contains(marker),
                "the function wrote into the host's /tmp");
    }
}
