package dev.thaw.api;

import dev.thaw.api.auth.RequestHead;

import java.io.InputStream;
import java.util.List;

/**
 * The metrics listener: {@code GET /metrics} without a signature, for a Prometheus scraper on this machine, and
 * nothing else. It is bound to a loopback address only, and the browser checks keep web pages out of it.
 */
final class MetricsHandler implements ApiHandler.Dispatcher {

    private static final List<String> METRICS = PathPattern.split(OperatorRoutes.METRICS_PATH);

    private final OperatorViews views;

    MetricsHandler(OperatorViews views) {
        this.views = views;
    }

    @Override
    public ApiResponse dispatch(InputStream body, RequestHead head, String requestId) {
        if (!PathPattern.split(head.rawPath()).equals(METRICS)) {
            return ErrorResponses.unknownOperation(head.method(), head.rawPath());
        }
        if (!head.method().equals("GET")) {
            return ErrorResponses.methodNotAllowed(head.method(), head.rawPath(), "GET");
        }
        return OperatorRoutes.metrics(views);
    }
}
