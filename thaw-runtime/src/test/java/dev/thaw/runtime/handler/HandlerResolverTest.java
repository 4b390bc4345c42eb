package dev.thaw.runtime.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.runtime.TestContexts;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HandlerResolverTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String call(Class<?> handlerClass, String method, String event) throws Throwable {
        HandlerAdapter adapter = HandlerResolver.resolve(handlerClass, method);
        byte[] output = adapter.invoke(event.getBytes(StandardCharsets.UTF_8), TestContexts.context("req-1"));
        return new String(output, StandardCharsets.UTF_8);
    }

    @Test
    void requestHandlerReadsPojoAndWritesJsonWithoutNulls() throws Throwable {
        assertEquals("{\"text\":\"Hello Bob (42) in my-function\"}",
                call(TestHandlers.Greeter.class, "handleRequest", "{\"name\":\"Bob\",\"AGE\":42,\"extra\":true}"));
    }

    @Test
    void requestHandlerInputTypeComesFromTheHierarchy() throws Throwable {
        assertEquals("\"Person\"", call(TestHandlers.PersonReporter.class, "handleRequest", "{\"name\":\"Ann\"}"));
        assertEquals("\"Personx2\"", call(TestHandlers.PersonListReporter.class, "handleRequest", "[{}, {}]"));
        assertEquals("30", call(TestHandlers.ViaInterface.class, "handleRequest", "{\"age\":30}"));
    }

    @Test
    void unboundInputIsGenericJson() throws Throwable {
        assertEquals("\"LinkedHashMap\"", call(TestHandlers.UnboundReporter.class, "handleRequest", "{\"a\":1}"));
        assertEquals("{\"a\":[1,\"x\"]}", call(TestHandlers.RawHandler.class, "handleRequest", "{\"a\":[1,\"x\"]}"));
    }

    @Test
    void emptyEventIsNullInput() throws Throwable {
        assertEquals("\"null\"", call(TestHandlers.PersonReporter.class, "handleRequest", ""));
    }

    @Test
    void streamHandlerGetsTheBytesAndAnswersWithWhatItWrote() throws Throwable {
        assertEquals("{\"A\":\"B\"}", call(TestHandlers.Shouter.class, "handleRequest", "{\"a\":\"b\"}"));
    }

    @Test
    void plainMethodsOfEverySignature() throws Throwable {
        assertEquals("\"none\"", call(TestHandlers.Methods.class, "none", "{}"));
        assertEquals("\"Cy\"", call(TestHandlers.Methods.class, "name", "{\"name\":\"Cy\"}"));
        assertEquals(JSON.readTree("{\"id\":\"req-1\",\"event\":{\"k\":\"v\"}}"),
                JSON.readTree(call(TestHandlers.Methods.class, "withContext", "{\"k\":\"v\"}")));
        assertEquals("cba", call(TestHandlers.Methods.class, "reverse", "abc"));
        assertEquals("req-1", call(TestHandlers.Methods.class, "requestId", "abc"));
        assertEquals("raw \u00e9", call(TestHandlers.Methods.class, "bytes", "raw \u00e9"));
    }

    @Test
    void voidMethodAnswersNull() throws Throwable {
        assertEquals("null", call(TestHandlers.Methods.class, "nothing", "\"x\""));
    }

    @Test
    void mostParametersWinAmongOverloads() throws Throwable {
        assertEquals("\"two\"", call(TestHandlers.Methods.class, "overloaded", "{}"));
    }

    @Test
    void methodParameterTypeComesFromTheHierarchy() throws Throwable {
        assertEquals("\"Person\"", call(TestHandlers.PersonKind.class, "kind", "{\"name\":\"D\"}"));
    }

    @Test
    void staticMethodsNeedNoInstance() throws Throwable {
        int before = TestHandlers.Methods.instances;
        HandlerResolver.resolve(TestHandlers.Methods.class, "none");
        assertEquals(before, TestHandlers.Methods.instances);
        HandlerResolver.resolve(TestHandlers.Methods.class, "name");
        assertEquals(before + 1, TestHandlers.Methods.instances);
    }

    @Test
    void handlerExceptionsArriveUnwrapped() throws Throwable {
        HandlerAdapter adapter = HandlerResolver.resolve(TestHandlers.Methods.class, "fails");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adapter.invoke("\"x\"".getBytes(StandardCharsets.UTF_8), TestContexts.context("r")));
        assertEquals("bad x", e.getMessage());
    }

    @Test
    void noSuitableMethodIsReportedAsLambdaDoes() {
        NoSuchMethodException e = assertThrows(NoSuchMethodException.class,
                () -> HandlerResolver.resolve(TestHandlers.Methods.class, "unsuitable"));
        assertEquals("No public method named unsuitable with appropriate method signature found on class "
                + TestHandlers.Methods.class.getName(), e.getMessage());
        assertThrows(NoSuchMethodException.class, () -> HandlerResolver.resolve(TestHandlers.Methods.class, "missing"));
        // A plain class named without a method has no handleRequest to call.
        assertThrows(NoSuchMethodException.class, () -> HandlerResolver.resolve(TestHandlers.Person.class, "handleRequest"));
    }

    @Test
    void constructorFailuresSurface() {
        InvocationTargetException e = assertThrows(InvocationTargetException.class,
                () -> HandlerResolver.resolve(TestHandlers.ThrowingConstructor.class, "handle"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        NoSuchMethodException missing = assertThrows(NoSuchMethodException.class,
                () -> HandlerResolver.resolve(TestHandlers.NoDefaultConstructor.class, "handle"));
        assertEquals("Class " + TestHandlers.NoDefaultConstructor.class.getName()
                + " has no public zero-argument constructor", missing.getMessage());
    }
}
