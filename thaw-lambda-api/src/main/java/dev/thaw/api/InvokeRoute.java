package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.InvocationLimits;
import dev.thaw.controlplane.InvokeRequest;
import dev.thaw.controlplane.InvokeResponse;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invoke: the payload is the raw body, the options are headers, the outcome comes back in headers too. Among
 * servers sharing a database, an invocation runs on the one that owns its function, so that its warm environments
 * and prepared snapshots serve it wherever it arrives and its reserved concurrency holds across the servers.
 */
final class InvokeRoute {

    /** The throttle of a server whose own concurrency is taken, as opposed to a function's reserved concurrency. */
    private static final String SERVER_FULL = "ConcurrentInvocationLimitExceeded";
    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "X-Amz-Invocation-Type",
            "X-Amz-Log-Type", "X-Amz-Client-Context");
    private static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "X-Amz-Executed-Version",
            "X-Amz-Function-Error", "X-Amz-Log-Result", "x-amzn-ErrorType", "Retry-After");

    private final ControlPlane controlPlane;
    private final ClusterForwarder forwarder;

    InvokeRoute(ControlPlane controlPlane, ClusterForwarder forwarder) {
        this.controlPlane = controlPlane;
        this.forwarder = forwarder;
    }

    Route route() {
        return Route.of("POST", "/2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction", this::invoke)
                .withMaxBody(InvocationLimits.MAX_SYNC_PAYLOAD);
    }

    private ApiResponse invoke(ApiRequest request) {
        // By function, not version: its versions' reserved concurrency is then held in one place. An owner that is
        // full leaves the invocation to this server.
        try {
            Optional<ApiResponse> relayed = forwarder.forward(ClusterForwarder.Passed.of(request.function().name(),
                    false, request.head(), REQUEST_HEADERS, request.body()), RESPONSE_HEADERS,
                    answer -> full(answer.statusCode(), answer.body()));
            if (relayed.isPresent()) {
                return relayed.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while passing an invocation on", e);
        }
        InvokeResponse result = controlPlane.invocations().invoke(new InvokeRequest(request.qualifiedFunction(),
                request.header("X-Amz-Invocation-Type"), request.header("X-Amz-Log-Type"),
                request.header("X-Amz-Client-Context"), request.body()), request.requestId());
        Map<String, String> headers = result.payload().length == 0 ? Map.of()
                : Map.of("Content-Type", "application/json");
        return new ApiResponse(result.statusCode(), headers, result.payload())
                .withHeader("X-Amz-Executed-Version", result.executedVersion())
                .withHeader("X-Amz-Function-Error", result.functionError())
                .withHeader("X-Amz-Log-Result", result.logResult());
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
