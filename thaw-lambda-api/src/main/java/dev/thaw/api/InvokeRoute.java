package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.InvocationLimits;
import dev.thaw.controlplane.InvokeRequest;

import java.util.List;

/**
 * Invoke: the payload is the raw body, the options are headers, the outcome comes back in headers too. Among
 * servers sharing a database it runs where {@link RoutedInvocations} sends it.
 */
final class InvokeRoute {

    private static final List<String> REQUEST_HEADERS = List.of("Content-Type", "X-Amz-Invocation-Type",
            "X-Amz-Log-Type", "X-Amz-Client-Context");

    private final ControlPlane controlPlane;
    private final RoutedInvocations routing;

    InvokeRoute(ControlPlane controlPlane, RoutedInvocations routing) {
        this.controlPlane = controlPlane;
        this.routing = routing;
    }

    Route route() {
        return Route.of("POST", "/2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction", this::invoke)
                .withMaxBody(InvocationLimits.MAX_SYNC_PAYLOAD);
    }

    private ApiResponse invoke(ApiRequest request) {
        return routing.invoke(ClusterForwarder.Passed.of(request.function().name(), request, REQUEST_HEADERS),
                () -> RoutedInvocations.response(controlPlane.invocations().invoke(new InvokeRequest(
                        request.qualifiedFunction(), request.header("X-Amz-Invocation-Type"),
                        request.header("X-Amz-Log-Type"), request.header("X-Amz-Client-Context"), request.body()),
                        ClusterForwarder.requestId(request))));
    }
}
