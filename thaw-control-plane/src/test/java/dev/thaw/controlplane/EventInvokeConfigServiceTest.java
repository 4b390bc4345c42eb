package dev.thaw.controlplane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Async invocation settings per version and alias: kept across restarts, replaced, merged, gone with their owner. */
class EventInvokeConfigServiceTest {

    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:failed-events";
    private static final FunctionRef LATEST = FunctionRef.parse("fn");
    private static final FunctionRef LIVE = FunctionRef.parse("fn:live");

    @TempDir
    Path dataDir;
    private ControlPlaneFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ControlPlaneFixture(dataDir);
        fixture.create("fn", TestPackages.zip("v1"));
        fixture.controlPlane.versions().publish(LATEST, new Requests.PublishVersion(null, null, null));
        fixture.controlPlane.aliases().create(LATEST, new Requests.CreateAlias("live", "1", null, null));
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private EventInvokeConfigService configs() {
        return fixture.controlPlane.eventInvokeConfigs();
    }

    @Test
    void putReplacesEverythingAndSurvivesARestart() {
        configs().put(LIVE, request(1, 3600, QUEUE));
        EventInvokeConfig replaced = configs().put(LIVE, request(0, null, null));
        assertEquals(0, replaced.maximumRetryAttempts());
        assertNull(replaced.maximumEventAge(), "what Put leaves out is unset");
        assertEquals(EventInvokeConfig.Destinations.NONE, replaced.destinations());

        configs().put(LATEST, request(null, 120, QUEUE));
        fixture.reopen();
        EventInvokeConfig latest = configs().get(LATEST);
        assertEquals("$LATEST", latest.qualifier());
        assertEquals(Duration.ofSeconds(120), latest.maximumEventAge());
        assertEquals(QUEUE, latest.destinations().onFailure());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST", configs().arn(latest));
        assertEquals(List.of("$LATEST", "live"), configs().list(LATEST, null, null).items().stream()
                .map(EventInvokeConfig::qualifier).toList());
    }

    @Test
    void updateChangesOnlyWhatItNames() {
        configs().put(LATEST, request(1, 3600, QUEUE));
        EventInvokeConfig updated = configs().update(LATEST, request(null, 60, null));
        assertEquals(1, updated.maximumRetryAttempts());
        assertEquals(Duration.ofSeconds(60), updated.maximumEventAge());
        assertEquals(QUEUE, updated.destinations().onFailure());
        assertNotFound(() -> configs().update(LIVE, request(0, null, null)));
    }

    @Test
    void theLimitsOfAnEventAreThoseOfTheQualifierItWasInvokedThrough() {
        configs().put(LIVE, request(0, 60, null));
        assertEquals(new AsyncLimits(0, Duration.ofSeconds(60)), configs().limits(LIVE));
        assertEquals(AsyncLimits.DEFAULT, configs().limits(FunctionRef.parse("fn:1")));
        assertEquals(AsyncLimits.DEFAULT, configs().limits(LATEST));
    }

    @Test
    void valuesOutsideTheModelsRangesAreValidationErrors() {
        for (Requests.FunctionEventInvokeConfig bad : List.of(request(3, null, null), request(-1, null, null),
                request(null, 59, null), request(null, 21601, null), request(null, null, "not an arn"))) {
            LambdaException error = assertThrows(LambdaException.class, () -> configs().put(LATEST, bad));
            assertEquals("ValidationException", error.type(), bad.toString());
        }
        assertNotFound(() -> configs().put(FunctionRef.parse("fn:nope"), request(0, null, null)));
        assertNotFound(() -> configs().get(LATEST));
    }

    @Test
    void settingsGoWithTheirAliasVersionOrFunction() {
        configs().put(LIVE, request(0, null, null));
        configs().put(FunctionRef.parse("fn:1"), request(0, null, null));
        configs().put(LATEST, request(0, null, null));
        fixture.controlPlane.aliases().delete(LATEST, "live");
        fixture.controlPlane.functions().delete(FunctionRef.parse("fn:1"));
        assertEquals(List.of("$LATEST"), configs().list(LATEST, null, null).items().stream()
                .map(EventInvokeConfig::qualifier).toList());

        configs().delete(LATEST);
        assertNotFound(() -> configs().delete(LATEST));
        configs().put(LATEST, request(0, null, null));
        fixture.controlPlane.functions().delete(LATEST);
        fixture.create("fn", TestPackages.zip("v1"));
        assertNotFound(() -> configs().get(LATEST));
    }

    private static Requests.FunctionEventInvokeConfig request(Integer retries, Integer ageSeconds, String onFailure) {
        return new Requests.FunctionEventInvokeConfig(retries, ageSeconds, onFailure == null ? null
                : new Requests.DestinationConfig(null, new Requests.Destination(onFailure)));
    }

    private static void assertNotFound(Runnable call) {
        LambdaException error = assertThrows(LambdaException.class, call::run);
        assertEquals("ResourceNotFoundException", error.type(), error.getMessage());
    }
}
