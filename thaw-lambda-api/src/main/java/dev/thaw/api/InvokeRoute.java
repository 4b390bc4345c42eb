package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.InvocationLimits;
import dev.thaw.controlplane.InvokeRequest;
import dev.thaw.controlplane.InvokeResponse;
import dev.thaw.controlplane.cluster.ClusterNode;

import java.util.Map;
import java.util.Optional;

/**
 * Invoke: the payload is the raw body, the options are headers, the outcome comes back in headers too. Among
 * servers sharing a database, an invocation runs on the one that owns its function, so that its warm environments
 * and prepared snapshots serve it wherever it arrives and its reserved concurrency holds across the servers.
 */
final class InvokeRoute {

    private final ControlPlane controlPlane;
    private final InvokeForwarder forwarder;

    InvokeRoute(ControlPlane controlPlane, InvokeForwarder forwarder) {
        this.controlPlane = controlPlane;
        this.forwarder = forwarder;
    }

    Route route() {
        return Route.of("POST", "/2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction", this::invoke)
                .withMaxBody(InvocationLimits.MAX_SYNC_PAYLOAD);
    }

    private ApiResponse invoke(ApiRequest request) {
        if (request.header(InvokeForwarder.FORWARDED_BY) == null) {
            // By function, not version: its versions' reserved concurrency is then held in one place.
            Optional<ClusterNode> owner = controlPlane.cluster().otherOwner(request.function().name());
            if (owner.isPresent()) {
                try {
                    Optional<ApiResponse> relayed = forwarder.forward(request, owner.get().address());
                    if (relayed.isPresent()) {
                        return relayed.get();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while passing an invocation on", e);
                }
            }
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
}
