package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;

/**
 * {@code example.Hostile} deployed on one server, each attempt run in a fresh copy: started on demand ($LATEST) or
 * restored from the SnapStart snapshot of a published version (published at the first restored attempt). The
 * server must keep no environment warm (idle timeout zero), so that every invocation is a cold start of the kind
 * asked for; the REPORT line is checked for it.
 */
final class HostileFunction {

    static final String HANDLER = "example.Hostile::handleRequest";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** How the copy that runs an attempt started. */
    enum Copy {
        ON_DEMAND("on demand"), RESTORED("restored");

        private final String label;

        Copy(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What an attempt answered: whether the hostile action succeeded, why, and the facts it found. */
    record Answer(JsonNode json) {

        boolean escaped() {
            return json.path("escaped").booleanValue();
        }

        String detail() {
            return json.path("detail").asText();
        }

        JsonNode fact(String name) {
            return json.path(name);
        }

        @Override
        public String toString() {
            return json.toString();
        }
    }

    private final ThawServerExtension thaw;
    private final String name;
    private String version;
    private Throwable publishFailure;

    private HostileFunction(ThawServerExtension thaw, String name) {
        this.thaw = thaw;
        this.name = name;
    }

    /** Creates the function: 256 MB, 60 s, default ephemeral storage (512 MB), SnapStart on published versions. */
    static HostileFunction create(ThawServerExtension thaw, String name) {
        thaw.createFunction(name, HANDLER,
                b -> b.timeout(60).snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS)));
        return new HostileFunction(thaw, name);
    }

    /** The event of one attempt: its name, then keys and values. */
    static Map<String, Object> event(String attempt, Object... keysAndValues) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("attempt", attempt);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            event.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return event;
    }

    /**
     * Runs one attempt in a fresh copy and decodes its answer; fails when the function failed, when another kind of
     * copy answered, or when the answer has no verdict.
     */
    Answer attempt(Copy copy, Map<String, Object> event) {
        InvokeResponse response = Invocations.invokeWithTail(thaw.client(), function(copy), json(event));
        assertNull(response.functionError(), () -> event + " failed in a copy " + copy + ": "
                + Invocations.text(response));
        if (copy == Copy.RESTORED) {
            Reports.assertRestored(response);
        } else {
            Reports.assertInitialised(response);
        }
        JsonNode answer = Invocations.json(response);
        assertEquals(event.get("attempt"), answer.path("attempt").asText(), answer::toString);
        assertTrue(answer.path("escaped").isBoolean(), () -> "no verdict: " + answer);
        return new Answer(answer);
    }

    private synchronized String function(Copy copy) {
        if (copy == Copy.ON_DEMAND) {
            return name;
        }
        if (publishFailure instanceof TestAbortedException skipped) {
            throw new TestAbortedException(skipped.getMessage());
        }
        if (publishFailure != null) {
            throw new AssertionError("publishing " + name + " failed: " + publishFailure, publishFailure);
        }
        if (version == null) {
            try {
                version = SnapStartVersions.publishActive(thaw.client(), name);
            } catch (RuntimeException | AssertionError e) {
                publishFailure = e;
                throw e;
            }
        }
        return name + ":" + version;
    }

    private static String json(Map<String, Object> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
