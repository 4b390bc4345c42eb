package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** A function's resource-based policy, as event sources and deployment tools write and read it. */
class FunctionPolicyTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private final LambdaClient lambda = THAW.client();

    @TempDir
    Path workDir;

    @Test
    void theSdkAddsReadsAndRemovesStatements() {
        THAW.createFunction("policy-sdk", "example.Hello::handleRequest");
        assertThrows(ResourceNotFoundException.class, () -> lambda.getPolicy(r -> r.functionName("policy-sdk")));
        JsonNode added = Json.parse(lambda.addPermission(r -> r.functionName("policy-sdk").statementId("sns")
                .action("lambda:InvokeFunction").principal("sns.amazonaws.com")
                .sourceArn("arn:aws:sns:us-east-1:123456789012:topic")).statement());
        assertEquals("sns", added.path("Sid").asText());
        assertEquals("sns.amazonaws.com", added.path("Principal").path("Service").asText());
        assertEquals(ThawServerExtension.functionArn("policy-sdk"), added.path("Resource").asText());
        assertEquals("arn:aws:sns:us-east-1:123456789012:topic",
                added.path("Condition").path("ArnLike").path("AWS:SourceArn").asText());
        assertThrows(ResourceConflictException.class, () -> lambda.addPermission(r -> r.functionName("policy-sdk")
                .statementId("sns").action("lambda:InvokeFunction").principal("sns.amazonaws.com")));
        lambda.addPermission(r -> r.functionName("policy-sdk").statementId("account").action("lambda:GetFunction")
                .principal("123456789012"));

        var policy = lambda.getPolicy(r -> r.functionName("policy-sdk"));
        JsonNode statements = Json.parse(policy.policy()).path("Statement");
        assertEquals(2, statements.size());
        assertEquals("arn:aws:iam::123456789012:root", statements.path(1).path("Principal").path("AWS").asText());
        assertThrows(PreconditionFailedException.class, () -> lambda.removePermission(r -> r
                .functionName("policy-sdk").statementId("sns").revisionId("stale")));
        lambda.removePermission(r -> r.functionName("policy-sdk").statementId("sns").revisionId(policy.revisionId()));
        assertEquals(1, Json.parse(lambda.getPolicy(r -> r.functionName("policy-sdk")).policy())
                .path("Statement").size());
        assertThrows(ResourceNotFoundException.class, () -> lambda.removePermission(r -> r
                .functionName("policy-sdk").statementId("sns")));
    }

    @Test
    void theCliWritesAQualifiersPolicyOfItsOwn() {
        assumeTrue(AwsCli.installed(), "the AWS CLI is not installed");
        THAW.createFunction("policy-cli", "example.Hello::handleRequest");
        lambda.publishVersion(r -> r.functionName("policy-cli"));
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName("policy-cli").qualifier("1"));
        lambda.createAlias(r -> r.functionName("policy-cli").name("live").functionVersion("1"));
        AwsCli cli = THAW.awsCli(workDir);
        JsonNode statement = Json.parse(cli.succeed("add-permission", "--function-name", "policy-cli",
                "--qualifier", "live", "--statement-id", "s3", "--action", "lambda:InvokeFunction",
                "--principal", "s3.amazonaws.com", "--source-account", "123456789012").json()
                .path("Statement").asText());
        assertEquals(ThawServerExtension.functionArn("policy-cli") + ":live", statement.path("Resource").asText());
        assertEquals("123456789012",
                statement.path("Condition").path("StringEquals").path("AWS:SourceAccount").asText());
        cli.failWith("ResourceNotFoundException", "get-policy", "--function-name", "policy-cli");
        assertEquals(1, Json.parse(cli.succeed("get-policy", "--function-name", "policy-cli", "--qualifier", "live")
                .json().path("Policy").asText()).path("Statement").size());
        // The alias's policy goes with the alias.
        lambda.deleteAlias(r -> r.functionName("policy-cli").name("live"));
        lambda.createAlias(r -> r.functionName("policy-cli").name("live").functionVersion("1"));
        cli.failWith("ResourceNotFoundException", "get-policy", "--function-name", "policy-cli", "--qualifier",
                "live");
    }
}
