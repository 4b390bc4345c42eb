package dev.thaw.api;

import dev.thaw.api.auth.Caller;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.api.auth.SignatureClaim;
import dev.thaw.api.auth.SignatureVerifier;
import dev.thaw.controlplane.LambdaException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Dispatches each request (past the browser checks) to the route whose method and path match. An allowed origin's
 * preflight is answered first; then the signature is verified: what the head says first, so that most refusals need
 * no body, then the signature over the body once it is read. Unknown paths and methods are answered only to signed
 * callers too.
 */
final class Router implements ApiHandler.Dispatcher {

    private final List<Route> routes;
    private final SignatureVerifier verifier;

    Router(List<Route> routes, SignatureVerifier verifier) {
        this.routes = List.copyOf(routes);
        this.verifier = verifier;
    }

    /** A route and the parameters its path pattern captured. */
    private record Match(Route route, Map<String, String> parameters) {
    }

    @Override
    public ApiResponse dispatch(InputStream in, RequestHead head, String requestId) throws IOException {
        if (Cors.isPreflight(head)) {
            return Cors.preflight(head);
        }
        SignatureClaim claim = verifier.check(head);
        List<String> segments = PathPattern.split(head.rawPath());
        Optional<Match> match = Optional.empty();
        List<Route> pathMatches = new ArrayList<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.path().match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (route.method().equals(head.method())) {
                match = Optional.of(new Match(route, parameters.get()));
                break;
            }
            pathMatches.add(route);
        }
        long maxBody = match.map(m -> m.route().maxBody()).orElse(Route.MAX_JSON_BODY);
        String operation = match.map(m -> m.route().operation()).orElse(head.method() + " " + head.rawPath());
        byte[] body = readBody(in, maxBody, operation);
        Caller caller = claim.verify(body);
        if (match.isPresent()) {
            return match.get().route().handler().handle(new ApiRequest(requestId, match.get().parameters(),
                    parseQuery(head.rawQuery()), head, body, caller));
        }
        if (pathMatches.isEmpty()) {
            return ErrorResponses.unknownOperation(head.method(), head.rawPath());
        }
        return ErrorResponses.methodNotAllowed(head.method(), head.rawPath(),
                pathMatches.stream().map(Route::method).distinct().collect(Collectors.joining(", ")));
    }

    /** The body, if it is within {@code maxBody}; else, once drained, RequestEntityTooLargeException. */
    static byte[] readBody(InputStream in, long maxBody, String operation) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        for (int n = in.read(buffer); n >= 0 && total <= ApiHandler.MAX_DRAIN; n = in.read(buffer)) {
            if (total + n <= maxBody) {
                body.write(buffer, 0, n);
            }
            total += n;
        }
        if (total > maxBody) {
            throw LambdaException.tooLarge("Request must be smaller than " + maxBody + " bytes for the "
                    + operation + " operation");
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
}
