package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartOptimizationStatus;
import software.amazon.awssdk.services.lambda.model.State;

/** Snapshots are durable: a restarted server restores Active versions without publishing them again. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SnapStartRestartTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    @Test
    void activeVersionsStayRestorableAcrossARestart() throws IOException {
        SnapStartVersions.createFunction(THAW, "snap-restart", "example.Hello::handleRequest");
        String version = SnapStartVersions.publishActive(THAW.client(), "snap-restart");

        THAW.restart();

        GetFunctionConfigurationResponse after =
                SnapStartVersions.configuration(THAW.client(), "snap-restart", version);
        assertEquals(State.ACTIVE, after.state(), after::stateReason);
        assertEquals(SnapStartOptimizationStatus.ON, after.snapStart().optimizationStatus());
        assertEquals("Hello, Bob!", Reports.invokeRestored(THAW.client(), "snap-restart:" + version,
                "{\"name\":\"Bob\"}").asText());
    }
}
