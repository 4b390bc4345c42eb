package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.SnapStartTimeoutException;

/** A restore whose afterRestore hooks outlast the server's restore limit answers SnapStartTimeoutException. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SnapStartRestoreTimeoutTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withIdleTimeout(Duration.ZERO)
            .withRestoreTimeout(Duration.ofSeconds(1)));

    @Test
    void restoreBeyondTheLimitAnswersSnapStartTimeoutException() {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-slow-restore", "example.SlowRestore::handleRequest");
        String function = "snap-slow-restore:" + SnapStartVersions.publishActive(client, "snap-slow-restore");

        SnapStartTimeoutException timedOut = assertThrows(SnapStartTimeoutException.class,
                () -> Invocations.invoke(client, function, "{}"));
        assertEquals(408, timedOut.statusCode());
        assertTrue(timedOut.awsErrorDetails().errorMessage().contains("timeout"),
                timedOut.awsErrorDetails().errorMessage());
        // $LATEST never restores, so the slow hook never runs there.
        assertEquals("\"ok\"", Invocations.text(Invocations.invoke(client, "snap-slow-restore", "{}")));
    }
}
