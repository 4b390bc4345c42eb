package dev.thaw.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.thaw.api.auth.BrowserGuard;

import java.io.IOException;
import java.util.List;

/**
 * The metrics listener: {@code GET /metrics} without a signature, for a Prometheus scraper on this machine, and
 * nothing else. It is bound to a loopback address only, and the browser checks keep web pages out of it.
 */
final class MetricsHandler implements HttpHandler {

    private static final List<String> METRICS = PathPattern.split(OperatorRoutes.METRICS_PATH);

    private final BrowserGuard guard;
    private final OperatorViews views;

    MetricsHandler(BrowserGuard guard, OperatorViews views) {
        this.guard = guard;
        this.views = views;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Exchanges.answer(exchange, guard, (unused, head, requestId) -> {
            if (!PathPattern.split(head.rawPath()).equals(METRICS)) {
                return ErrorResponses.unknownOperation(head.method(), head.rawPath());
            }
            if (!head.method().equals("GET")) {
                return ErrorResponses.methodNotAllowed(head.method(), head.rawPath(), "GET");
            }
            return OperatorRoutes.metrics(views);
        });
    }
}
