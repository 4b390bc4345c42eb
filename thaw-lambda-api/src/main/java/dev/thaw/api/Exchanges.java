package dev.thaw.api;

import com.sun.net.httpserver.HttpExchange;
import dev.thaw.api.auth.AuthException;
import dev.thaw.api.auth.BrowserGuard;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.LambdaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;

/**
 * Answering one exchange, for every listener: the browser checks first, then under a fresh request id (the
 * {@code x-amzn-RequestId} header) what the handler returns or the Lambda error it throws, readable by the pages of
 * an allowed origin. Failures that are not Lambda errors become a ServiceException that tells the client only the
 * request id; the detail goes to the log.
 */
final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

    /** An over-long or refused body is still read to its end (up to this much), so the client sees the answer. */
    static final long MAX_DRAIN = 2 * Route.MAX_JSON_BODY;

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(HttpExchange exchange, RequestHead head, String requestId) throws IOException;
    }

    private Exchanges() {
    }

    static void answer(HttpExchange exchange, BrowserGuard guard, Handler handler) throws IOException {
        String requestId = UUID.randomUUID().toString();
        RequestHead head = new RequestHead(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders());
        ApiResponse response;
        try {
            guard.admit(head);
            response = handler.handle(exchange, head, requestId);
        } catch (AuthException e) {
            LOG.debug("request {} {} {} refused ({}): {}", requestId, head.method(), head.rawPath(), e.failure(),
                    e.getMessage());
            discard(exchange.getRequestBody());
            response = ErrorResponses.refused(e);
        } catch (LambdaException e) {
            response = ErrorResponses.of(e);
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, the client gets an answer rather than a dropped connection.
            // The path only: a presigned query holds a signature, which has no place in a log.
            LOG.error("request {} {} {} failed", requestId, head.method(), head.rawPath(), e);
            response = ErrorResponses.internal(requestId);
        }
        Optional<String> origin = guard.allowedOrigin(head);
        write(exchange, requestId, origin.isPresent() ? Cors.allow(response, origin.get()) : response);
    }

    private static void discard(InputStream body) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = body.read(buffer); n >= 0 && total <= MAX_DRAIN; n = body.read(buffer)) {
            total += n;
        }
    }

    private static void write(HttpExchange exchange, String requestId, ApiResponse response) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean noBody = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }
}
