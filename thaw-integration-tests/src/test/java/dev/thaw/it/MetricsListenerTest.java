package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.cli.ServerOptions;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.cli.ThawServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operator routes: signed on the API port; /metrics also unsigned, on a loopback listener of its own. */
class MetricsListenerTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withAccess(o.access()
            .withMetricsBind(new InetSocketAddress("127.0.0.1", 0))));

    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    @Test
    void theMetricsListenerServesMetricsWithoutASignature() throws Exception {
        URI metrics = THAW.server().metricsEndpoint().orElseThrow();
        assertEquals("127.0.0.1", metrics.getHost());
        HttpResponse<String> response = get(metrics);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("thaw_environments"), response.body());
        assertEquals(404, get(metrics.resolve("/thaw/store/stats")).statusCode());
        assertEquals(405, PLAIN.send(HttpRequest.newBuilder(metrics).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void aReboundHostCannotReadTheMetricsListener() throws Exception {
        URI metrics = THAW.server().metricsEndpoint().orElseThrow();
        RawHttp.Response response = RawHttp.send(HttpRequest.newBuilder(metrics).GET().build(),
                "rebound.evil.example:" + metrics.getPort(), new byte[0]);
        assertEquals(403, response.status());
        assertEquals("AccessDeniedException", response.errorType());
    }

    @Test
    void operatorRoutesOnTheApiPortNeedASignature() throws Exception {
        for (String path : new String[] {"/metrics", "/thaw/store/stats"}) {
            HttpResponse<String> unsigned = get(THAW.endpoint().resolve(path));
            assertEquals(403, unsigned.statusCode(), path);
            assertEquals("MissingAuthenticationTokenException",
                    unsigned.headers().firstValue("x-amzn-ErrorType").orElseThrow(), path);
            try (SignedHttpClient http = THAW.http()) {
                assertEquals(200, http.get(THAW.endpoint().resolve(path)).statusCode(), path);
            }
        }
    }

    @Test
    void aMetricsListenerOffLoopbackIsRefusedAtStart() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "metrics-bind-");
        ServerOptions options = ServerOptions.defaults(dataDir).withPort(0).withUrlPort(0);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ThawServer.start(
                options.withAccess(options.access().withMetricsBind(new InetSocketAddress("0.0.0.0", 0)))));
        assertTrue(refused.getMessage().contains("loopback"), refused::getMessage);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return PLAIN.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }
}
