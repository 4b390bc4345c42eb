package dev.thaw.it;

import dev.thaw.worker.logs.FunctionLogs;
import java.time.Clock;
import java.util.OptionalInt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;

/**
 * Async invocation settings (MaximumRetryAttempts, MaximumEventAgeInSeconds, destinations) through the SDK and the
 * AWS CLI, in the shapes of the model; and Lambda's retry back-off, which waits a minute before a failed event's
 * first retry.
 */
class EventInvokeConfigTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final String FUNCTION = "async-settings";
    private static final String FAILING = "async-failing";
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failed-events";
    private static final String ARN = ThawServerExtension.functionArn(FUNCTION);

    @TempDir
    static Path workDir;

    private static LambdaClient lambda;

    @BeforeAll
    static void deploy() {
        lambda = THAW.client();
        THAW.createFunction(FUNCTION, "example.Hello::handleRequest");
        lambda.publishVersion(r -> r.functionName(FUNCTION));
        lambda.createAlias(r -> r.functionName(FUNCTION).name("live").functionVersion("1"));
    }

    @Test
    void settingsThroughTheSdk() {
        Instant before = Instant.now().minusSeconds(1);
        PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(r -> r.functionName(FUNCTION)
                .maximumRetryAttempts(0).maximumEventAgeInSeconds(3600)
                .destinationConfig(d -> d.onFailure(f -> f.destination(QUEUE))));
        assertEquals(ARN + ":$LATEST", put.functionArn());
        assertEquals(0, put.maximumRetryAttempts());
        assertEquals(3600, put.maximumEventAgeInSeconds());
        assertEquals(QUEUE, put.destinationConfig().onFailure().destination());
        assertTrue(!put.lastModified().isBefore(before) && put.lastModified().isBefore(Instant.now().plusSeconds(1)),
                put.lastModified()::toString);

        UpdateFunctionEventInvokeConfigResponse updated = lambda.updateFunctionEventInvokeConfig(
                r -> r.functionName(FUNCTION).maximumEventAgeInSeconds(120));
        assertEquals(0, updated.maximumRetryAttempts(), "Update keeps what it does not name");
        assertEquals(120, updated.maximumEventAgeInSeconds());

        lambda.putFunctionEventInvokeConfig(r -> r.functionName(FUNCTION).qualifier("live").maximumRetryAttempts(1));
        GetFunctionEventInvokeConfigResponse throughAlias =
                lambda.getFunctionEventInvokeConfig(r -> r.functionName(FUNCTION + ":live"));
        assertEquals(ARN + ":live", throughAlias.functionArn());
        assertEquals(1, throughAlias.maximumRetryAttempts());
        assertEquals(null, throughAlias.maximumEventAgeInSeconds());
        assertEquals(List.of(ARN + ":$LATEST", ARN + ":live"), lambda.listFunctionEventInvokeConfigs(
                r -> r.functionName(FUNCTION)).functionEventInvokeConfigs().stream()
                .map(FunctionEventInvokeConfig::functionArn).toList());

        LambdaException invalid = assertThrows(LambdaException.class, () -> lambda.putFunctionEventInvokeConfig(
                r -> r.functionName(FUNCTION).maximumRetryAttempts(3)));
        assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
        assertThrows(ResourceNotFoundException.class, () -> lambda.putFunctionEventInvokeConfig(
                r -> r.functionName(FUNCTION).qualifier("nope").maximumRetryAttempts(0)));

        lambda.deleteFunctionEventInvokeConfig(r -> r.functionName(FUNCTION).qualifier("live"));
        assertThrows(ResourceNotFoundException.class,
                () -> lambda.getFunctionEventInvokeConfig(r -> r.functionName(FUNCTION).qualifier("live")));
    }

    @Test
    void settingsThroughTheCliGoWithTheFunction() throws IOException {
        String name = "async-cli";
        THAW.createFunction(name, "example.Hello::handleRequest");
        AwsCli aws = THAW.awsCli(workDir);
        JsonNode put = aws.succeed("put-function-event-invoke-config", "--function-name", name,
                "--maximum-retry-attempts", "0", "--maximum-event-age-in-seconds", "3600").json();
        assertEquals(ThawServerExtension.functionArn(name) + ":$LATEST", put.path("FunctionArn").asText());
        assertEquals(0, put.path("MaximumRetryAttempts").asInt());
        assertEquals(3600, put.path("MaximumEventAgeInSeconds").asInt());
        // The CLI reads the model's timestamp (epoch seconds on the wire) and prints it in ISO 8601.
        OffsetDateTime.parse(put.path("LastModified").asText());
        assertTrue(put.path("DestinationConfig").path("OnFailure").isObject(), put::toString);

        JsonNode updated = aws.succeed("update-function-event-invoke-config", "--function-name", name,
                "--destination-config", "{\"OnFailure\":{\"Destination\":\"" + QUEUE + "\"}}").json();
        assertEquals(QUEUE, updated.path("DestinationConfig").path("OnFailure").path("Destination").asText());
        assertEquals(3600, aws.succeed("get-function-event-invoke-config", "--function-name", name).json()
                .path("MaximumEventAgeInSeconds").asInt());
        List<String> listed = new ArrayList<>();
        aws.succeed("list-function-event-invoke-configs", "--function-name", name).json()
                .path("FunctionEventInvokeConfigs").forEach(config -> listed.add(config.path("FunctionArn").asText()));
        assertEquals(List.of(ThawServerExtension.functionArn(name) + ":$LATEST"), listed);
        aws.failWith("ValidationException", "put-function-event-invoke-config", "--function-name", name,
                "--maximum-event-age-in-seconds", "30000");

        aws.succeed("delete-function", "--function-name", name);
        THAW.createFunction(name, "example.Hello::handleRequest");
        aws.failWith("ResourceNotFoundException", "get-function-event-invoke-config", "--function-name", name);
    }

    @Test
    void aFailedEventWaitsAMinuteBeforeItsFirstRetry() throws InterruptedException {
        THAW.createFunction(FAILING, "example.Fail");
        lambda.invoke(r -> r.functionName(FAILING).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"message\":\"boom\"}")));
        awaitAttempts(1, Duration.ofSeconds(30));
        // A fixed one- and two-second back-off would have made both retries by now.
        Thread.sleep(Duration.ofSeconds(5));
        assertEquals(1, attempts(), "retried before the minute Lambda waits");
    }

    private static void awaitAttempts(long count, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (attempts() < count) {
            assertFalse(Instant.now().isAfter(deadline), "the event was not run within " + within);
            Thread.sleep(100);
        }
    }

    private static long attempts() {
        return new FunctionLogs(THAW.dataDir().resolve("logs"), Clock.systemUTC(), OptionalInt.empty())
                .read(FAILING).lines().filter(line -> line.startsWith("START RequestId:")).count();
    }
}
