package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;

/**
 * A real Spring Boot application, started in the handler's constructor, checkpointed and restored. Spring
 * registers its own CRaC resource (it stops and restarts the context's lifecycle beans around the checkpoint),
 * so this also shows that a CRaC-aware library's hooks run.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SpringSnapStartTest {

    private static final String BOB = "{\"name\":\"Bob\"}";

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    @Test
    void springApplicationAnswersFromARestoredCopy() {
        createSpringFunction("snap-spring", "example.spring.SpringHandler::handleRequest",
                ThawServerExtension.RUNTIME);
        InvokeResponse onDemand = Invocations.invokeWithTail(THAW.client(), "snap-spring", BOB);
        assertNull(onDemand.functionError(), () -> Invocations.text(onDemand));
        Reports.assertInitialised(onDemand);
        assertAnsweredBySpring(Invocations.json(onDemand));

        String version = SnapStartVersions.publishActive(THAW.client(), "snap-spring");
        assertAnsweredBySpring(Reports.invokeRestored(THAW.client(), "snap-spring:" + version, BOB));
    }

    /** The primed handler runs a greeting before the checkpoint; its copies must not see that visit. */
    @Test
    void primingBeforeTheCheckpointLeavesNoVisitBehind() {
        // On JDK 25, so that the snapshot's JVM also starts from the AOT cache of a training run.
        createSpringFunction("snap-spring-primed", "example.spring.PrimedSpringHandler::handleRequest", "java25");
        String version = SnapStartVersions.publishActive(THAW.client(), "snap-spring-primed");

        JsonNode primedName = Reports.invokeRestored(THAW.client(), "snap-spring-primed:" + version, "{}");
        assertEquals("Hello, world!", primedName.path("greeting").asText(), primedName::toString);
        assertEquals(1, primedName.path("visits").asInt(), primedName::toString);
        InvokeResponse again = Invocations.invokeWithTail(THAW.client(), "snap-spring-primed:" + version, BOB);
        assertAnsweredBySpring(Invocations.json(again));
    }

    private static void createSpringFunction(String name, String handler, String runtime) {
        THAW.createFunction(name, handler, b -> b
                .runtime(runtime)
                .code(c -> c.zipFile(ExamplePackages.springZip()))
                .memorySize(1024)
                .timeout(60)
                .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS)));
    }

    /** A first visit: each environment, restored or not, starts from the database as init left it. */
    private static void assertAnsweredBySpring(JsonNode answer) {
        assertEquals("Hello, Bob!", answer.path("greeting").asText(), answer::toString);
        assertEquals(1, answer.path("visits").asInt(), answer::toString);
        assertEquals("Hello, Bob!", Json.parse(answer.path("json").asText()).path("text").asText());
        assertTrue(answer.path("contextActive").asBoolean(), answer::toString);
    }
}
