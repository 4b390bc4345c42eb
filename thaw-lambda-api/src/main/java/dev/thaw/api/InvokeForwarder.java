package dev.thaw.api;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.client.SignedHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passes an invocation on to the server that owns its function (where its warm environments and prepared snapshots
 * are), signed with the key the servers share, and relays the answer as it came. A server that cannot be reached,
 * or that is full (its own concurrency is taken, not the function's reserved concurrency), leaves the invocation to
 * this one. A passed-on request carries {@link #FORWARDED_BY}, so it is never passed on again.
 */
final class InvokeForwarder {

    private static final Logger LOG = LoggerFactory.getLogger(InvokeForwarder.class);
    static final String FORWARDED_BY = "X-Thaw-Forwarded-By";
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "X-Amz-Invocation-Type",
            "X-Amz-Log-Type", "X-Amz-Client-Context");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "X-Amz-Executed-Version",
            "X-Amz-Function-Error", "X-Amz-Log-Result", "x-amzn-ErrorType", "Retry-After");
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Longer than any invocation: the longest timeout, a cold start and a restore. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(17);

    /** The throttle of a server whose own concurrency is taken, as opposed to a function's reserved concurrency. */
    private static final String SERVER_FULL = "ConcurrentInvocationLimitExceeded";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final SignedHttpClient signer;
    private final String nodeId;

    /** @param key the key every server sharing the database holds */
    InvokeForwarder(AccessKey key, Clock clock, String nodeId) {
        this.signer = new SignedHttpClient(key, http, clock);
        this.nodeId = nodeId;
    }

    /** The owner's answer, or empty when it could not be reached. */
    Optional<ApiResponse> forward(ApiRequest request, URI owner) throws InterruptedException {
        String rawQuery = request.head().rawQuery();
        URI target = owner.resolve(request.head().rawPath()
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : REQUEST_HEADERS) {
            request.head().header(name).ifPresent(value -> headers.put(name, value));
        }
        headers.put(FORWARDED_BY, nodeId);
        HttpRequest forwarded = signer.signed("POST", target, headers, request.body()).timeout(ANSWER_TIMEOUT)
                .build();
        try {
            HttpResponse<byte[]> answer = http.send(forwarded, HttpResponse.BodyHandlers.ofByteArray());
            if (full(answer.statusCode(), answer.body())) {
                LOG.debug("{} is full, running invocation {} here", owner, request.requestId());
                return Optional.empty();
            }
            Map<String, String> relayed = new LinkedHashMap<>();
            for (String name : RESPONSE_HEADERS) {
                answer.headers().firstValue(name).ifPresent(value -> relayed.put(name, value));
            }
            return Optional.of(new ApiResponse(answer.statusCode(), relayed, answer.body()));
        } catch (IOException e) {
            LOG.warn("cannot pass invocation {} on to {}, running it here: {}", request.requestId(), owner,
                    e.toString());
            return Optional.empty();
        }
    }

    /** Whether the owner answered that it has no room: the invocation spills over to this server. */
    static boolean full(int status, byte[] body) {
        if (status != 429) {
            return false;
        }
        try {
            return SERVER_FULL.equals(Json.read(body, Throttle.class).reason());
        } catch (RuntimeException e) {
            return false;
        }
    }

    record Throttle(String reason) {
    }
}
