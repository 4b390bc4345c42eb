package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.PublishVersionResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.lambda.model.State;
import software.amazon.awssdk.services.lambda.model.StateReasonCode;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** SnapStart's version lifecycle as Lambda documents it, through the AWS SDK v2: publish, states, failures. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SnapStartLifecycleTest {

    private static final String HELLO = "example.Hello::handleRequest";
    private static final String BOB = "{\"name\":\"Bob\"}";

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    @Test
    void publishedVersionIsCheckpointedThenRestored() {
        LambdaClient client = THAW.client();
        CreateFunctionResponse created = SnapStartVersions.createFunction(THAW, "snap-flow", HELLO);
        assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, created.snapStart().applyOn());
        // Only published versions are optimised; $LATEST reports Off.
        assertEquals(SnapStartOptimizationStatus.OFF, created.snapStart().optimizationStatus());

        PublishVersionResponse published = client.publishVersion(r -> r.functionName("snap-flow"));
        assertEquals("1", published.version());
        assertEquals(State.PENDING, published.state());
        assertEquals(LastUpdateStatus.IN_PROGRESS, published.lastUpdateStatus());
        assertEquals(SnapStartOptimizationStatus.ON, published.snapStart().optimizationStatus());

        SnapStartVersions.awaitActive(client, client.waiter(), "snap-flow", "1");
        GetFunctionConfigurationResponse version = SnapStartVersions.configuration(client, "snap-flow", "1");
        assertEquals(State.ACTIVE, version.state());
        assertEquals(LastUpdateStatus.SUCCESSFUL, version.lastUpdateStatus());
        assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, version.snapStart().applyOn());
        assertEquals(SnapStartOptimizationStatus.ON, version.snapStart().optimizationStatus());

        InvokeResponse invoked = Invocations.invokeWithTail(client, "snap-flow:1", BOB);
        assertEquals("\"Hello, Bob!\"", Invocations.text(invoked));
        assertEquals("1", invoked.executedVersion());
        Reports.assertRestored(invoked);
    }

    @Test
    void updateFunctionConfigurationTurnsSnapStartOnForLaterVersions() {
        LambdaClient client = THAW.client();
        THAW.createFunction("snap-later", HELLO);
        PublishVersionResponse plain = client.publishVersion(r -> r.functionName("snap-later"));
        assertEquals(SnapStartOptimizationStatus.OFF, plain.snapStart().optimizationStatus());

        UpdateFunctionConfigurationResponse updated = client.updateFunctionConfiguration(r -> r
                .functionName("snap-later").snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS)));
        assertEquals(SnapStartApplyOn.PUBLISHED_VERSIONS, updated.snapStart().applyOn());
        client.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("snap-later"));

        PublishVersionResponse optimised = client.publishVersion(r -> r.functionName("snap-later"));
        assertEquals("2", optimised.version());
        assertEquals(State.PENDING, optimised.state());
        SnapStartVersions.awaitActive(client, "snap-later", "2");
        assertEquals(SnapStartOptimizationStatus.ON,
                SnapStartVersions.configuration(client, "snap-later", "2").snapStart().optimizationStatus());
        Reports.invokeRestored(client, "snap-later:2", BOB);

        // The version published before SnapStart was turned on keeps starting on demand.
        InvokeResponse before = Invocations.invokeWithTail(client, "snap-later:1", BOB);
        assertNull(before.functionError(), () -> Invocations.text(before));
        Reports.assertInitialised(before);
    }

    @Test
    void initFailureFailsTheVersion() {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-init-fails", "example.InitFailure::handleRequest");
        String version = client.publishVersion(r -> r.functionName("snap-init-fails")).version();

        assertThrows(SdkClientException.class, () -> SnapStartVersions.fastWaiter(client)
                .waitUntilPublishedVersionActive(r -> r.functionName("snap-init-fails").qualifier(version)));
        GetFunctionConfigurationResponse failed = SnapStartVersions.configuration(client, "snap-init-fails", version);
        SnapStartVersions.assumeSnapStartAvailable(failed);
        assertEquals(State.FAILED, failed.state());
        assertEquals(StateReasonCode.FUNCTION_ERROR, failed.stateReasonCode(), failed::stateReason);
        assertTrue(failed.stateReason().contains("example init failure"), failed::stateReason);
        LambdaException rejected = assertThrows(LambdaException.class,
                () -> invoke(client, "snap-init-fails:" + version, "{}"));
        assertTrue(rejected.awsErrorDetails().errorMessage().contains("Failed"), rejected::getMessage);
    }

    @Test
    void beforeCheckpointFailureFailsTheVersion() {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-hook-fails", "example.BeforeCheckpointFails::handleRequest");
        String version = client.publishVersion(r -> r.functionName("snap-hook-fails")).version();

        assertThrows(SdkClientException.class, () -> SnapStartVersions.fastWaiter(client)
                .waitUntilPublishedVersionActive(r -> r.functionName("snap-hook-fails").qualifier(version)));
        GetFunctionConfigurationResponse failed = SnapStartVersions.configuration(client, "snap-hook-fails", version);
        SnapStartVersions.assumeSnapStartAvailable(failed);
        assertEquals(State.FAILED, failed.state());
        assertEquals(StateReasonCode.FUNCTION_ERROR, failed.stateReasonCode(), failed::stateReason);
        assertTrue(failed.stateReason().contains("example beforeCheckpoint failure"), failed::stateReason);
        // $LATEST starts on demand and never runs the checkpoint hooks.
        assertEquals("\"ok\"", Invocations.text(invoke(client, "snap-hook-fails", "{}")));
    }

    @Test
    void invokingAPendingVersionIsAConflictNamingTheState() {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-pending", "example.SlowInit::handleRequest");
        String version = client.publishVersion(r -> r.functionName("snap-pending")).version();

        // SlowInit's init takes 1.5 s, so its snapshot cannot be ready yet.
        LambdaException rejected = assertThrows(LambdaException.class,
                () -> invoke(client, "snap-pending:" + version, BOB));
        SnapStartVersions.assumeSnapStartAvailable(SnapStartVersions.configuration(client, "snap-pending", version));
        assertInstanceOf(ResourceConflictException.class, rejected, rejected::toString);
        assertTrue(rejected.awsErrorDetails().errorMessage().contains("Pending"), rejected::getMessage);

        SnapStartVersions.awaitActive(client, "snap-pending", version);
        Reports.invokeRestored(client, "snap-pending:" + version, BOB);
    }

    @Test
    void snapStartWithEphemeralStorageOver512MbIsRejected() {
        assertThrows(InvalidParameterValueException.class, () -> THAW.createFunction("snap-big-tmp", HELLO, b -> b
                .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))
                .ephemeralStorage(e -> e.size(1024))));

        THAW.createFunction("big-tmp", HELLO, b -> b.ephemeralStorage(e -> e.size(1024)));
        assertThrows(InvalidParameterValueException.class, () -> THAW.client().updateFunctionConfiguration(r -> r
                .functionName("big-tmp").snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))));
    }
}
