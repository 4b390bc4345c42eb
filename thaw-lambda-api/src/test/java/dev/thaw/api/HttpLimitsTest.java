package dev.thaw.api;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one connection may take, over raw sockets: oversized or too many headers are answered 431, connections that
 * go silent (idle, half-sent headers, a body shorter than its Content-Length) are closed after the idle timeout,
 * a trickling body is cut at the body timeout, and a path the URI parser refuses is answered in Lambda's JSON shape.
 */
class HttpLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration IDLE = Duration.ofSeconds(1);
    private static final Duration BODY = Duration.ofSeconds(2);
    private static final HttpLimits LIMITS = new HttpLimits(16 * 1024, 100, IDLE, BODY);
    /** How long past a limit the server may take to act on it. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private static HttpListener server;

    @BeforeAll
    static void start() throws IOException {
        List<Route> routes = List.of(Route.of("POST", "/echo", "Echo",
                request -> new ApiResponse(200, Map.of(), request.body())));
        Router router = new Router(routes, new SignatureVerifier(new AccessKeys(Map.of("default", SdkSigner.KEY)),
                "lambda", Clock.systemUTC()));
        server = HttpListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(),
                LIMITS, bound -> new ApiHandler(LambdaApiServer.guard(bound, List.of(), new AllowedOrigins(List.of())),
                        LIMITS, Clock.systemUTC(), router));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aOneMegabyteHeaderIsAnswered431() throws IOException {
        Answer answer = exchange(head("GET", "/echo", "X-Big: " + "a".repeat(1024 * 1024)));
        assertLambdaError(answer, 431, "RequestHeaderFieldsTooLargeException");
    }

    @Test
    void twoThousandHeadersAreAnswered431() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            headers.append("X-").append(i).append(": v\r\n");
        }
        assertLambdaError(exchange(head("GET", "/echo", headers.toString().strip())), 431,
                "RequestHeaderFieldsTooLargeException");
    }

    @Test
    void aFewShortHeadersBeyondTheCountAreAnswered431() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < LIMITS.maxHeaderCount() + 1; i++) {
            headers.append("X").append(i).append(":v\r\n");
        }
        assertLambdaError(exchange(head("GET", "/echo", headers.toString().strip())), 431,
                "RequestHeaderFieldsTooLargeException");
    }

    @Test
    void aMalformedPercentEncodingIsAnsweredInLambdasShape() throws IOException {
        Answer answer = exchange(head("GET", "/2015-03-31/functions/%zz%", null));
        assertLambdaError(answer, 400, "InvalidRequestContentException");
        assertEquals("application/json", answer.headers().get("content-type"), answer.toString());
        assertEquals("The request is not well-formed HTTP.", JSON.readTree(answer.body()).path("message").asText());
    }

    @Test
    void silentConnectionsAreClosedAfterTheIdleTimeout() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = connect();
                if (i % 2 == 1) {
                    socket.getOutputStream().write("GET /echo HTTP/1.1\r\nHost: 127.0"
                            .getBytes(StandardCharsets.US_ASCII));
                }
                sockets.add(socket);
            }
            long started = System.nanoTime();
            for (Socket socket : sockets) {
                InputStream in = socket.getInputStream();
                assertClosed(in);
            }
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(IDLE.plus(SLACK)) < 0);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthIsAnsweredAfterTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            socket.getOutputStream().write((signedHead(100) + "only ten b").getBytes(StandardCharsets.US_ASCII));
            Answer answer = read(socket);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(IDLE.plus(SLACK)) < 0);
            assertLambdaError(answer, 408, "RequestTimeoutException");
        }
    }

    @Test
    void aTricklingBodyIsCutAtTheBodyTimeout() throws Exception {
        try (Socket socket = connect()) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            out.write(signedHead(1000).getBytes(StandardCharsets.US_ASCII));
            try {
                for (int i = 0; i < 1000 && socket.getInputStream().available() == 0; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(IDLE.toMillis() / 4);
                }
            } catch (SocketException e) {
                // The server answered and closed while bytes were still coming: what it said is still readable.
            }
            Answer answer = read(socket);
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(BODY.plus(SLACK)) < 0);
            assertLambdaError(answer, 408, "RequestTimeoutException");
        }
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private static String head(String method, String path, String headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n"
                + (headers == null ? "" : headers + "\r\n") + "\r\n";
    }

    /** A signed POST to /echo of {@code length} bytes of 'x', so the body is read for the route, not drained. */
    private static String signedHead(int length) {
        byte[] body = "x".repeat(length).getBytes(StandardCharsets.US_ASCII);
        RequestHead signed = new SdkSigner(Clock.systemUTC()).sign("POST", "http://127.0.0.1:" + server.port()
                + "/echo", Map.of("Content-Length", Integer.toString(length)), body);
        StringBuilder headers = new StringBuilder();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(value -> headers.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        return head("POST", "/echo", headers.toString().strip());
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout((int) IDLE.plus(SLACK).plus(BODY).toMillis());
        return socket;
    }

    private static Answer exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            } catch (SocketException e) {
                // Refused part-way through a long head: the answer was written before the connection closed.
            }
            return read(socket);
        }
    }

    private static Answer read(Socket socket) throws IOException {
        String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int end = response.indexOf("\r\n\r\n");
        assertTrue(end > 0, "no HTTP answer: '" + response + "'");
        String[] lines = response.substring(0, end).split("\r\n");
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
    }

    private static void assertLambdaError(Answer answer, int status, String type) throws IOException {
        assertEquals(status, answer.status(), answer.toString());
        assertEquals(type, answer.headers().get("x-amzn-errortype"), answer.toString());
        assertTrue(answer.headers().containsKey("x-amzn-requestid"), answer.toString());
        assertTrue(JSON.readTree(answer.body()).has("message"), answer.toString());
    }

    private static void assertClosed(InputStream in) throws IOException {
        try {
            // A half-sent head may be answered (408) before the close; either way the server ends it.
            in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a silent connection open", e);
        } catch (SocketException e) {
            // Reset by the server: closed too.
        }
    }
}
