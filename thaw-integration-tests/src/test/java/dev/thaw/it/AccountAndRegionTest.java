package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** A server given its own account id and region puts them in every ARN and in what functions see. */
class AccountAndRegionTest {

    private static final String ACCOUNT = "123456789012";
    private static final String REGION = "eu-west-1";
    private static final String ARN = "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:account-echo";

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(
            options -> options.withAccountId(ACCOUNT).withRegion(REGION));

    private final LambdaClient lambda = THAW.client();

    @Test
    void arnsAndTheFunctionsViewCarryTheConfiguredAccountAndRegion() {
        assertEquals(ARN, THAW.createFunction("account-echo", "example.ContextEcho").functionArn());
        assertEquals(ARN, lambda.getFunction(r -> r.functionName(ARN)).configuration().functionArn());
        assertEquals(ARN + ":1", lambda.publishVersion(r -> r.functionName("account-echo")).functionArn());
        assertEquals(ARN + ":live", lambda.createAlias(r -> r.functionName("account-echo").name("live")
                .functionVersion("1")).aliasArn());

        JsonNode seen = Invocations.json(invoke(lambda, "account-echo:live", "{}"));
        assertEquals(ARN + ":live", seen.path("invokedFunctionArn").asText());
        assertEquals(REGION, seen.path("env").path("AWS_REGION").asText());

        ResourceNotFoundException missing = assertThrows(
                ResourceNotFoundException.class, () -> lambda.getFunction(r -> r.functionName("nobody")));
        assertEquals("Function not found: arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:nobody",
                missing.awsErrorDetails().errorMessage());
    }
}
