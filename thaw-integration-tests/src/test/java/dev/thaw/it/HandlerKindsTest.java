package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** Every kind of Java handler Lambda supports, deployed and invoked as a user would. */
class HandlerKindsTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    /**
     * @param function name of the function created for this case
     * @param expected the response as JSON; objects may hold more fields than listed here
     */
    record Case(String function, String runtime, String handler, Supplier<SdkBytes> code, String event,
                String expected) {

        Case(String function, String handler, Supplier<SdkBytes> code, String event, String expected) {
            this(function, ThawServerExtension.RUNTIME, handler, code, event, expected);
        }

        @Override
        public String toString() {
            return handler + " on " + runtime + " (" + function + ")";
        }
    }

    static Stream<Case> cases() {
        Supplier<SdkBytes> jar = ExamplePackages::jar;
        Supplier<SdkBytes> zip = ExamplePackages::zip;
        return Stream.of(
                new Case("kind-hello", "example.Hello::handleRequest", jar, "{\"name\":\"Bob\"}", "\"Hello, Bob!\""),
                new Case("kind-hello-no-event", "example.Hello::handleRequest", jar, "", "\"Hello, world!\""),
                new Case("kind-hello-class-only", "example.Hello", jar, "{\"name\":\"Ann\"}", "\"Hello, Ann!\""),
                new Case("kind-hello-java21", "java21", "example.Hello::handleRequest", jar, "{\"name\":\"Bob\"}",
                        "\"Hello, Bob!\""),
                new Case("kind-hello-java25", "java25", "example.Hello::handleRequest", jar, "{\"name\":\"Bob\"}",
                        "\"Hello, Bob!\""),
                new Case("kind-hello-zip", "example.Hello::handleRequest", zip, "{\"name\":\"Zed\"}",
                        "\"Hello, Zed!\""),
                new Case("kind-pojo", "example.PojoHandler", jar,
                        "{\"item\":\"apple\",\"quantity\":3,\"unitPrice\":0.5}", "{\"item\":\"apple\",\"total\":1.5}"),
                new Case("kind-string", "example.StringHandler", jar, "\"stressed\"", "\"desserts\""),
                new Case("kind-map", "example.MapHandler", jar, "{\"b\":1,\"a\":{\"c\":2}}",
                        "{\"count\":2,\"keys\":\"a,b\"}"),
                new Case("kind-api-gateway", "example.ApiGatewayHandler", jar,
                        "{\"httpMethod\":\"GET\",\"path\":\"/hello\",\"queryStringParameters\":{\"name\":\"Bob\"}}",
                        "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},"
                                + "\"body\":\"GET /hello: Hello, Bob!\"}"),
                new Case("kind-stream", "example.UppercaseStreamHandler", jar, "{\"say\":\"hi there\"}",
                        "{\"SAY\":\"HI THERE\"}"),
                new Case("kind-static", "example.PlainHandlers::shout", jar, "\"hey\"", "\"HEY!\""),
                new Case("kind-static-context", "example.PlainHandlers::shoutTo", jar, "\"hey\"",
                        "\"HEY! (kind-static-context)\""),
                new Case("kind-instance", "example.PlainHandlers::count", jar, "{\"a\":1,\"b\":2,\"c\":3}", "3"),
                new Case("kind-instance-context", "example.PlainHandlers::greet", jar, "{\"name\":\"Bob\"}",
                        "\"Hi Bob from kind-instance-context\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void handlerAnswers(Case c) {
        THAW.createFunction(c.function(), c.handler(),
                b -> b.runtime(c.runtime()).code(code -> code.zipFile(c.code().get())));
        InvokeResponse response = invoke(THAW.client(), c.function(), c.event());

        assertEquals(200, response.statusCode());
        assertNull(response.functionError(), () -> Invocations.text(response));
        assertEquals("$LATEST", response.executedVersion());
        Json.assertContains(Json.parse(c.expected()), Invocations.json(response));
    }
}
