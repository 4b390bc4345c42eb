package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Everything a user created survives a server restart on the same data directory. */
class RestartPersistenceTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    @Test
    void functionsVersionsAliasesAndConcurrencySurviveARestart() throws IOException {
        THAW.createFunction("persisted", "example.ContextEcho",
                b -> b.environment(e -> e.variables(Map.of("GREETING", "kept"))));
        LambdaClient before = THAW.client();
        before.publishVersion(r -> r.functionName("persisted"));
        before.waiter().waitUntilPublishedVersionActive(r -> r.functionName("persisted").qualifier("1"));
        before.createAlias(r -> r.functionName("persisted").name("prod").functionVersion("1"));
        before.putFunctionConcurrency(r -> r.functionName("persisted").reservedConcurrentExecutions(5));
        GetFunctionResponse original = before.getFunction(r -> r.functionName("persisted"));

        THAW.restart();
        LambdaClient after = THAW.client();

        GetFunctionResponse restored = after.getFunction(r -> r.functionName("persisted"));
        assertEquals(original.configuration(), restored.configuration());
        assertEquals(5, restored.concurrency().reservedConcurrentExecutions());
        assertEquals(List.of("$LATEST", "1"), after.listVersionsByFunction(r -> r.functionName("persisted"))
                .versions().stream().map(FunctionConfiguration::version).toList());
        assertEquals("1", after.getAlias(r -> r.functionName("persisted").name("prod")).functionVersion());

        InvokeResponse viaAlias = invoke(after, "persisted", "prod", "{\"env\":[\"GREETING\"]}");
        assertNull(viaAlias.functionError(), () -> Invocations.text(viaAlias));
        assertEquals("1", viaAlias.executedVersion());
        JsonNode seen = Invocations.json(viaAlias);
        assertEquals("kept", seen.path("env").path("GREETING").asText());
        assertNull(invoke(after, "persisted", "{}").functionError());
    }
}
