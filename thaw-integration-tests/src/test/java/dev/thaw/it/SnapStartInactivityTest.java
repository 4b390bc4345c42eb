package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.SnapStartNotReadyException;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * A SnapStart version not invoked for the inactivity period (14 days on Lambda, 3 s here) goes Inactive; the
 * next invoke is refused with SnapStartNotReadyException while the snapshot is created again.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SnapStartInactivityTest {

    private static final Duration INACTIVITY = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(250);

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o
            .withIdleTimeout(Duration.ZERO)
            .withSnapStartInactivity(INACTIVITY));

    @Test
    void inactiveVersionIsRecreatedOnTheNextInvoke() throws InterruptedException {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "snap-idle", "example.Hello::handleRequest");
        String version = SnapStartVersions.publishActive(client, "snap-idle");
        String function = "snap-idle:" + version;
        Reports.invokeRestored(client, function, "{}");

        awaitState(client, version, State.INACTIVE);
        SnapStartNotReadyException notReady = assertThrows(SnapStartNotReadyException.class,
                () -> Invocations.invoke(client, function, "{}"));
        assertEquals(409, notReady.statusCode());
        assertEquals(State.PENDING, state(client, version));

        SnapStartVersions.awaitActive(client, "snap-idle", version);
        assertEquals("Hello, world!", Reports.invokeRestored(client, function, "{}").asText());
    }

    private static void awaitState(LambdaClient client, String version, State expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + INACTIVITY.multipliedBy(10).toNanos();
        while (state(client, version) != expected && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
        assertEquals(expected, state(client, version));
    }

    private static State state(LambdaClient client, String version) {
        return SnapStartVersions.configuration(client, "snap-idle", version).state();
    }
}
