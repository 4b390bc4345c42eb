package dev.thaw.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.api.auth.AccessKeys;
import dev.thaw.api.auth.AllowedOrigins;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.api.auth.SdkSigner;
import dev.thaw.api.auth.SignatureVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The router's gate and error answers over real HTTP: refusals before any route, and 500s that tell nothing. */
class RouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONSOLE = "https://console.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static HttpListener server;
    private static URI base;

    @BeforeAll
    static void start() throws IOException {
        List<Route> routes = List.of(
                Route.of("GET", "/ok", "Ok", request -> ApiResponse.json(200, Map.of("Caller",
                        request.caller().key().accessKeyId()))),
                Route.of("GET", "/broken", "Broken", request -> {
                    throw new IllegalStateException("secret detail of /var/lib/thaw");
                }));
        SignatureVerifier verifier = new SignatureVerifier(new AccessKeys(Map.of("default", SdkSigner.KEY)),
                "lambda", Clock.systemUTC());
        Router router = new Router(routes, verifier);
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(),
                HttpLimits.DEFAULTS, bound -> new ApiHandler(LambdaApiServer.guard(bound, List.of(),
                        new AllowedOrigins(List.of(CONSOLE))), HttpLimits.DEFAULTS, Clock.systemUTC(), router));
        base = URI.create("http://127.0.0.1:" + server.port());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signedRequestsReachTheirRoute() throws Exception {
        HttpResponse<String> response = send(signed("/ok", Map.of()));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(SdkSigner.KEY.accessKeyId(), JSON.readTree(response.body()).path("Caller").asText());
    }

    @Test
    void unsignedRequestsAreRefusedWhateverThePath() throws Exception {
        for (String path : List.of("/ok", "/broken", "/nothing-here")) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path)));
            assertError(response, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        }
    }

    @Test
    void unknownPathsAreAnsweredToSignedCallers() throws Exception {
        assertEquals("UnknownOperationException", send(signed("/nothing-here", Map.of())).headers()
                .firstValue("x-amzn-ErrorType").orElseThrow());
    }

    @Test
    void aForeignOriginIsRefusedEvenWhenSigned() throws Exception {
        HttpResponse<String> response = send(signed("/ok", Map.of("Origin", "https://evil.example")));
        assertError(response, 403, "AccessDeniedException", "Requests from origin https://evil.example are not "
                + "allowed.");
    }

    @Test
    void anAllowedOriginsPreflightIsAnsweredAndItsPagesMayReadTheAnswers() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(base.resolve("/ok"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", CONSOLE)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization, x-amz-date"));
        assertEquals(204, preflight.statusCode(), preflight.body());
        assertEquals(CONSOLE, preflight.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertEquals("authorization, x-amz-date",
                preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow());

        HttpResponse<String> signed = send(signed("/ok", Map.of("Origin", CONSOLE)));
        assertEquals(200, signed.statusCode(), signed.body());
        assertEquals(CONSOLE, signed.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
        assertTrue(signed.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()
                .contains("x-amzn-ErrorType"));

        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(base.resolve("/ok")).header("Origin", CONSOLE));
        assertError(unsigned, 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
        assertEquals(CONSOLE, unsigned.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
    }

    @Test
    void aForeignOriginsPreflightIsRefused() throws Exception {
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(base.resolve("/ok"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST"));
        assertError(preflight, 403, "AccessDeniedException", null);
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
    }

    @Test
    void anInternalFailureTellsOnlyTheRequestId() throws Exception {
        HttpResponse<String> response = send(signed("/broken", Map.of()));
        String requestId = response.headers().firstValue("x-amzn-RequestId").orElseThrow();
        UUID.fromString(requestId);
        JsonNode body = assertError(response, 500, "ServiceException", null);
        assertEquals("Service", body.path("Type").asText());
        assertTrue(body.path("message").asText().contains(requestId), response.body());
        assertFalse(response.body().contains("secret") || response.body().contains("IllegalState"), response.body());
    }

    private static HttpRequest.Builder signed(String path, Map<String, String> headers) {
        RequestHead head = new SdkSigner(Clock.systemUTC()).sign("GET", base.resolve(path).toString(), headers,
                new byte[0]);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        head.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> request.header(name, value));
            }
        });
        return request;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertError(HttpResponse<String> response, int status, String type, String message)
            throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(type, response.headers().firstValue("x-amzn-ErrorType").orElseThrow());
        JsonNode body = JSON.readTree(response.body());
        if (message != null) {
            assertEquals(message, body.path("message").asText());
            assertEquals("User", body.path("Type").asText());
        }
        return body;
    }
}
