package dev.thaw.api;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.controlplane.FunctionRef;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Passes a request about a function on to another server sharing the database, signed with the key the servers
 * share, and relays its answer. A request passed on carries {@link #FORWARDED_BY}, and is answered where it arrives:
 * never passed on twice; it carries the first server's request id too ({@link #REQUEST_ID}), so that the caller's
 * id is the one the function's log and context show.
 */
final class ClusterForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterForwarder.class);
    static final String FORWARDED_BY = "X-Thaw-Forwarded-By";
    static final String REQUEST_ID = "X-Thaw-Request-Id";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than any invocation: the longest timeout, a cold start and a restore. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(17);

    private final Membership membership;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final SignedHttpClient lambda;

    /** @param key the key every server sharing the database holds */
    ClusterForwarder(Membership membership, AccessKey key, Clock clock) {
        this.membership = membership;
        this.lambda = new SignedHttpClient(key, http, clock, LambdaApiServer.SIGNING_NAME);
    }

    /**
     * One request to pass on: for which function, with what.
     *
     * @param pathAndQuery    the raw path and query it is sent to
     * @param requestId       the id the client is answered with, which the server it is passed on to uses too
     * @param passedOnAlready whether it came from another server that passed it on
     */
    record Passed(String function, String method, String pathAndQuery, Map<String, String> headers, byte[] body,
                  String requestId, boolean passedOnAlready) {

        /** The request as received, with the headers named (those it has) to be passed on. */
        static Passed of(String function, ApiRequest request, List<String> headerNames) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : headerNames) {
                request.head().header(name).ifPresent(value -> headers.put(name, value));
            }
            String query = request.head().rawQuery();
            return new Passed(function, request.head().method(), request.head().rawPath()
                    + (query == null || query.isEmpty() ? "" : "?" + query), headers, request.body(),
                    ClusterForwarder.requestId(request), request.head().header(FORWARDED_BY).isPresent());
        }

        /** A synchronous Invoke of {@code target} with this payload, made here (for a function URL). */
        static Passed invocation(FunctionRef target, byte[] payload, String requestId) {
            String path = "/2015-03-31/functions/" + URLEncoder.encode(target.name(), StandardCharsets.UTF_8)
                    + "/invocations" + (target.qualifier() == null ? ""
                    : "?Qualifier=" + URLEncoder.encode(target.qualifier(), StandardCharsets.UTF_8));
            return new Passed(target.name(), "POST", path, Map.of("Content-Type", "application/json"), payload,
                    requestId, false);
        }
    }

    /** {@code node}'s answer to the request; empty when it cannot be reached (which is logged). */
    Optional<HttpResponse<byte[]>> send(ClusterNode node, Passed request) throws InterruptedException {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.put(FORWARDED_BY, membership.nodeId());
        headers.put(REQUEST_ID, request.requestId());
        URI target = node.address().resolve(request.pathAndQuery());
        HttpRequest forwarded = lambda.signed(request.method(), target, headers, request.body())
                .timeout(ANSWER_TIMEOUT).build();
        try {
            return Optional.of(http.send(forwarded, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException e) {
            LOG.warn("cannot pass a request for {} on to {}: {}", request.function(), node.nodeId(), e.toString());
            return Optional.empty();
        }
    }

    /**
     * The request's id: the one the server that passed it on answers its client with, else this server's. Only a
     * request id is taken from the header, so that nothing else reaches the logs through it.
     */
    static String requestId(ApiRequest request) {
        if (request.head().header(FORWARDED_BY).isPresent()) {
            try {
                return request.head().header(REQUEST_ID).map(UUID::fromString).map(UUID::toString)
                        .orElse(request.requestId());
            } catch (IllegalArgumentException e) {
                return request.requestId();
            }
        }
        return request.requestId();
    }

    /** Another server's answer as this one's, with the response headers named kept. */
    static ApiResponse relay(HttpResponse<byte[]> answer, List<String> responseHeaders) {
        Map<String, String> relayed = new LinkedHashMap<>();
        for (String name : responseHeaders) {
            answer.headers().firstValue(name).ifPresent(value -> relayed.put(name, value));
        }
        return new ApiResponse(answer.statusCode(), relayed, answer.body());
    }
}
