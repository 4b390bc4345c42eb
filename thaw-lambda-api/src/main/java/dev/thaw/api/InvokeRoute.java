package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.InvocationLimits;
import dev.thaw.controlplane.InvokeRequest;
import dev.thaw.controlplane.InvokeResponse;

import java.util.Map;

/** Invoke: the payload is the raw body, the options are headers, the outcome comes back in headers too. */
final class InvokeRoute {

    private final ControlPlane controlPlane;

    InvokeRoute(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    Route route() {
        return Route.of("POST", "/2015-03-31/functions/{FunctionName}/invocations", "InvokeFunction", this::invoke)
                .withMaxBody(InvocationLimits.MAX_SYNC_PAYLOAD);
    }

    private ApiResponse invoke(ApiRequest request) {
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
