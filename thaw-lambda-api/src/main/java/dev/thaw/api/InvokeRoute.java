package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.InvocationLimits;
import dev.thaw.controlplane.InvokeRequest;
import dev.thaw.controlplane.InvokeResponse;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.worker.ThrottleReason;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invoke: the payload is the raw body, the options are headers, the outcome comes back in headers too. Among
 * servers sharing a database, an invocation runs on the one that owns its function when it has room, so that its
 * warm environments and prepared snapshots serve it wherever it arrives and its reserved concurrency holds across
 * the servers.
 */
final class InvokeRoute {

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

    /**
     * Runs the invocation on the first server in its function's route order that has room: the owner, else the next
     * (the account's unreserved concurrency is split between the servers, so it is throttled only when none has).
     * By function, not version: its versions' reserved concurrency is then held in one place, and a reserved
     * function's throttle is answered as it is.
     */
    private ApiResponse invoke(ApiRequest request) {
        String function = request.function().name();
        ClusterForwarder.Passed passed = ClusterForwarder.Passed.of(function, request, REQUEST_HEADERS);
        Membership cluster = controlPlane.cluster();
        List<ClusterNode> order = passed.passedOnAlready() ? List.of() : cluster.routeOrder(function);
        if (order.isEmpty()) {
            return runHere(request);
        }
        LambdaException fullHere = null;
        ApiResponse fullThere = null;
        for (ClusterNode node : order) {
            if (cluster.isSelf(node)) {
                try {
                    return runHere(request);
                } catch (LambdaException e) {
                    if (e.throttleReason().filter(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED::equals)
                            .isEmpty()) {
                        throw e;
                    }
                    fullHere = e;
                    continue;
                }
            }
            Optional<HttpResponse<byte[]>> answer;
            try {
                answer = forwarder.send(node, passed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while passing an invocation on", e);
            }
            if (answer.isEmpty()) {
                continue;
            }
            ApiResponse relayed = ClusterForwarder.relay(answer.get(), RESPONSE_HEADERS);
            if (!full(answer.get().statusCode(), answer.get().body())) {
                return relayed;
            }
            fullThere = relayed;
        }
        // This server is in every order: it either answered or was full itself.
        if (fullHere != null) {
            throw fullHere;
        }
        return fullThere;
    }

    private ApiResponse runHere(ApiRequest request) {
        InvokeResponse result = controlPlane.invocations().invoke(new InvokeRequest(request.qualifiedFunction(),
                request.header("X-Amz-Invocation-Type"), request.header("X-Amz-Log-Type"),
                request.header("X-Amz-Client-Context"), request.body()), ClusterForwarder.requestId(request));
        Map<String, String> headers = result.payload().length == 0 ? Map.of()
                : Map.of("Content-Type", "application/json");
        return new ApiResponse(result.statusCode(), headers, result.payload())
                .withHeader("X-Amz-Executed-Version", result.executedVersion())
                .withHeader("X-Amz-Function-Error", result.functionError())
                .withHeader("X-Amz-Log-Result", result.logResult());
    }

    /** Whether another server answered that its part of the account's concurrency is in use. */
    static boolean full(int status, byte[] body) {
        if (status != 429) {
            return false;
        }
        try {
            return ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED.lambdaName()
                    .equals(Json.read(body, Throttle.class).reason());
        } catch (RuntimeException e) {
            return false;
        }
    }

    record Throttle(String reason) {
    }
}
