package dev.thaw.runtime.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LambdaErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void errorWithoutThrowableHasNoTrace() {
        assertEquals("{\"errorMessage\":\"Class not found: example.Missing\",\"errorType\":\"java.lang.ClassNotFoundException\"}",
                new String(new LambdaError("java.lang.ClassNotFoundException", "Class not found: example.Missing", null)
                        .toJson(), StandardCharsets.UTF_8));
    }

    @Test
    void throwableWithTraceAndCauses() throws IOException {
        Exception root = new java.io.IOException("disk \"full\"");
        RuntimeException error = new RuntimeException("outer", new IllegalStateException(root));
        JsonNode json = JSON.readTree(LambdaError.of(error).toJson());
        assertEquals("outer", json.get("errorMessage").asText());
        assertEquals("java.lang.RuntimeException", json.get("errorType").asText());
        assertTrue(json.get("stackTrace").get(0).asText().startsWith(LambdaErrorTest.class.getName()
                + ".throwableWithTraceAndCauses(LambdaErrorTest.java:"), json.toString());
        JsonNode cause = json.get("cause");
        assertEquals("java.lang.IllegalStateException", cause.get("errorType").asText());
        assertEquals("java.io.IOException: disk \"full\"", cause.get("errorMessage").asText());
        assertEquals("disk \"full\"", cause.get("cause").get("errorMessage").asText());
        assertFalse(cause.get("cause").has("cause"));
    }

    @Test
    void messageIsLeftOutWhenThereIsNone() throws IOException {
        JsonNode json = JSON.readTree(LambdaError.of(new NullPointerException()).toJson());
        assertFalse(json.has("errorMessage"));
        assertEquals("java.lang.NullPointerException", json.get("errorType").asText());
    }

    @Test
    void cyclicCausesEnd() throws IOException {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        JsonNode json = JSON.readTree(LambdaError.of(a).toJson());
        assertEquals("b", json.get("cause").get("errorMessage").asText());
        assertFalse(json.get("cause").has("cause"));
    }

    @Test
    void logTextIsMessageTypeAndTrace() {
        String text = LambdaError.of(new IllegalStateException("boom")).toLogText();
        assertTrue(text.startsWith("boom: java.lang.IllegalStateException\njava.lang.IllegalStateException: boom\n\tat "), text);
        assertEquals("java.lang.NullPointerException: java.lang.NullPointerException\n",
                new LambdaError("java.lang.NullPointerException", null, null).toLogText());
    }

    @Test
    void runtimeFramesAreTrimmed() {
        IllegalStateException e = new IllegalStateException("x");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("example.Fn", "handle", "Fn.java", 3),
            new StackTraceElement("jdk.internal.reflect.DirectMethodHandleAccessor", "invoke", null, 1),
            new StackTraceElement("java.lang.reflect.Method", "invoke", null, 2),
            new StackTraceElement("dev.thaw.runtime.handler.MethodHandlerKind", "lambda", null, 9),
            new StackTraceElement("dev.thaw.runtime.RuntimeMain", "main", null, 1),
        });
        StackTraces.trimRuntimeFrames(new RuntimeException(e));
        assertEquals(1, e.getStackTrace().length);
        assertEquals("example.Fn", e.getStackTrace()[0].getClassName());
    }
}
