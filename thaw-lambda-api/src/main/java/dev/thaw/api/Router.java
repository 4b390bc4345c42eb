package dev.thaw.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.thaw.controlplane.LambdaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Dispatches each request to the route whose method and path match, and writes the answer (or the Lambda error) with
 * the request id. Failures that are not Lambda errors become ServiceException and are logged.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    // An over-long body is still read to its end (up to this much) so the client sees the 413 rather than a reset.
    private static final long MAX_DRAIN = 2 * Route.MAX_JSON_BODY;

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ApiResponse response;
        try {
            response = dispatch(exchange, requestId);
        } catch (LambdaException e) {
            response = ErrorResponses.of(e);
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, the client gets an answer rather than a dropped connection.
            LOG.error("request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI(), e);
            response = ErrorResponses.of(LambdaException.service("Internal error: " + e));
        }
        write(exchange, requestId, response);
    }

    private ApiResponse dispatch(HttpExchange exchange, String requestId) throws IOException {
        String method = exchange.getRequestMethod();
        String rawPath = exchange.getRequestURI().getRawPath();
        List<String> segments = PathPattern.split(rawPath);
        List<Route> pathMatches = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                byte[] body = readBody(exchange.getRequestBody(), route);
                return route.handler().handle(new ApiRequest(requestId, parameters.get(),
                        parseQuery(exchange.getRequestURI().getRawQuery()), exchange.getRequestHeaders(), body));
            }
            pathMatches.add(route);
        }
        if (pathMatches.isEmpty()) {
            return ErrorResponses.unknownOperation(method, rawPath);
        }
        return ErrorResponses.methodNotAllowed(method, rawPath,
                pathMatches.stream().map(Route::method).distinct().collect(Collectors.joining(", ")));
    }

    private static byte[] readBody(InputStream in, Route route) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0 && total <= MAX_DRAIN; n = in.read(buffer)) {
            if (total + n <= route.maxBody()) {
                body.write(buffer, 0, n);
            }
            total += n;
        }
        if (total > route.maxBody()) {
            throw LambdaException.tooLarge("Request must be smaller than " + route.maxBody() + " bytes for the "
                    + route.operation() + " operation");
        }
        return body.toByteArray();
    }

    static Map<String, List<String>> parseQuery(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = PercentDecoding.decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : PercentDecoding.decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return query;
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
