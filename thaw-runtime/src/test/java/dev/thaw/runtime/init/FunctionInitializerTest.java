package dev.thaw.runtime.init;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.runtime.TestContexts;
import dev.thaw.runtime.handler.HandlerAdapter;
import example.BrokenConstructor;
import example.BrokenStaticInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FunctionInitializerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ClassLoader loader = getClass().getClassLoader();
    private final ClassLoader originalContextLoader = Thread.currentThread().getContextClassLoader();

    public static class Hello {
        public static String hello() {
            return "hi";
        }
    }

    @AfterEach
    void restoreContextLoader() {
        Thread.currentThread().setContextClassLoader(originalContextLoader);
    }

    private JsonNode failure(String handler) throws IOException {
        InitFailure failure = assertThrows(InitFailure.class, () -> FunctionInitializer.initialize(handler, loader));
        return JSON.readTree(failure.error().toJson());
    }

    @Test
    void initialisesAndSetsTheContextClassLoader() throws Throwable {
        ClassLoader functionLoader = new ClassLoader(loader) { };
        HandlerAdapter adapter = FunctionInitializer.initialize(Hello.class.getName() + "::hello", functionLoader);
        assertSame(functionLoader, Thread.currentThread().getContextClassLoader());
        assertEquals("\"hi\"", new String(adapter.invoke(new byte[0], TestContexts.context("r")), StandardCharsets.UTF_8));
    }

    @Test
    void missingClass() throws IOException {
        assertEquals("{\"errorMessage\":\"Class not found: example.Missing\",\"errorType\":\"java.lang.ClassNotFoundException\"}",
                failure("example.Missing").toString());
    }

    @Test
    void noSuitableMethod() throws IOException {
        JsonNode error = failure(Hello.class.getName() + "::absent");
        assertEquals("java.lang.NoSuchMethodException", error.get("errorType").asText());
        assertEquals("No public method named absent with appropriate method signature found on class "
                + Hello.class.getName(), error.get("errorMessage").asText());
        assertFalse(error.has("stackTrace"));
    }

    @Test
    void failingStaticInitialiser() throws IOException {
        JsonNode error = failure(BrokenStaticInit.class.getName() + "::handle");
        assertEquals("java.lang.ExceptionInInitializerError", error.get("errorType").asText());
        assertEquals("no config", error.get("errorMessage").asText());
        assertNotNull(error.get("stackTrace"));
        assertEquals("java.lang.IllegalStateException", error.get("cause").get("errorType").asText());
        assertTrue(error.get("cause").get("stackTrace").get(0).asText()
                .startsWith(BrokenStaticInit.class.getName() + ".<clinit>"), error.toString());
        assertFalse(error.toString().contains("dev.thaw.runtime.init.FunctionInitializer."), error.toString());
    }

    @Test
    void failingConstructor() throws IOException {
        JsonNode error = failure(BrokenConstructor.class.getName() + "::handle");
        assertEquals("java.lang.UnsupportedOperationException", error.get("errorType").asText());
        assertEquals("constructor says no", error.get("errorMessage").asText());
        assertTrue(error.get("stackTrace").get(0).asText().startsWith(BrokenConstructor.class.getName() + ".<init>"));
        assertEquals(1, error.get("stackTrace").size(), error.toString());
    }

    @Test
    void invalidHandlerValue() throws IOException {
        JsonNode error = failure("");
        assertEquals("java.lang.IllegalArgumentException", error.get("errorType").asText());
        assertEquals("Invalid handler: ''", error.get("errorMessage").asText());
    }
}
