package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.EventInvokeConfig;
import dev.thaw.controlplane.Page;
import dev.thaw.controlplane.Requests;

import java.util.List;

/**
 * Put, Get, Update, Delete and ListFunctionEventInvokeConfig(s), under the 2019-09-25 paths of the model; the
 * version or alias comes from the Qualifier parameter or the qualified name.
 */
final class EventInvokeConfigRoutes {

    private static final String CONFIG = "/2019-09-25/functions/{FunctionName}/event-invoke-config";

    private final ControlPlane controlPlane;

    EventInvokeConfigRoutes(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    List<Route> routes() {
        return List.of(
                Route.of("PUT", CONFIG, "PutFunctionEventInvokeConfig", this::put),
                Route.of("POST", CONFIG, "UpdateFunctionEventInvokeConfig", this::update),
                Route.of("GET", CONFIG, "GetFunctionEventInvokeConfig", this::get),
                Route.of("DELETE", CONFIG, "DeleteFunctionEventInvokeConfig", this::delete),
                Route.of("GET", CONFIG + "/list", "ListFunctionEventInvokeConfigs", this::list));
    }

    private ApiResponse put(ApiRequest request) {
        return config(controlPlane.eventInvokeConfigs().put(request.qualifiedFunction(),
                request.json(Requests.FunctionEventInvokeConfig.class)));
    }

    private ApiResponse update(ApiRequest request) {
        return config(controlPlane.eventInvokeConfigs().update(request.qualifiedFunction(),
                request.json(Requests.FunctionEventInvokeConfig.class)));
    }

    private ApiResponse get(ApiRequest request) {
        return config(controlPlane.eventInvokeConfigs().get(request.qualifiedFunction()));
    }

    private ApiResponse delete(ApiRequest request) {
        controlPlane.eventInvokeConfigs().delete(request.qualifiedFunction());
        return ApiResponse.empty(204);
    }

    private ApiResponse list(ApiRequest request) {
        Page<EventInvokeConfig> page = controlPlane.eventInvokeConfigs().list(request.function(),
                request.queryParameter("Marker"), request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new WireShapes.ListFunctionEventInvokeConfigsResponse(page.nextMarker(),
                page.items().stream().map(this::wire).toList()));
    }

    private ApiResponse config(EventInvokeConfig config) {
        return ApiResponse.json(200, wire(config));
    }

    private WireShapes.FunctionEventInvokeConfig wire(EventInvokeConfig config) {
        return WireShapes.eventInvokeConfig(config, controlPlane.eventInvokeConfigs().arn(config));
    }
}
