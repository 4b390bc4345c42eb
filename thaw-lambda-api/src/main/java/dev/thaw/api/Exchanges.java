package dev.thaw.api;

import com.sun.net.httpserver.HttpExchange;
import dev.thaw.api.auth.AuthException;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.LambdaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * Answering one exchange, for every listener: under a fresh request id (the {@code x-amzn-RequestId} header), with
 * what the handler returns or the Lambda error it throws. Failures that are not Lambda errors become a
 * ServiceException that tells the client only the request id; the detail goes to the log.
 */
final class Exchanges {

    private static final Logger LOG = LoggerFactory.getLogger(Exchanges.class);

    @FunctionalInterface
    interface Handler {
        ApiResponse handle(HttpExchange exchange, String requestId) throws IOException;
    }

    private Exchanges() {
    }

    static void answer(HttpExchange exchange, Handler handler) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ApiResponse response;
        try {
            response = handler.handle(exchange, requestId);
        } catch (AuthException e) {
            LOG.debug("request {} {} {} refused ({}): {}", requestId, exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e.failure(), e.getMessage());
            response = ErrorResponses.refused(e);
        } catch (LambdaException e) {
            response = ErrorResponses.of(e);
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, the client gets an answer rather than a dropped connection.
            LOG.error("request {} {} {} failed", requestId, exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = ErrorResponses.internal(requestId);
        }
        write(exchange, requestId, response);
    }

    static RequestHead head(HttpExchange exchange) {
        return new RequestHead(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders());
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
