package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.FunctionUrlConfig;
import dev.thaw.controlplane.Page;
import dev.thaw.controlplane.Requests;

import java.util.List;

/**
 * Create, Get, Update, Delete and ListFunctionUrlConfig(s), under the 2021-10-31 paths of the model; $LATEST or the
 * alias comes from the Qualifier parameter or the qualified name.
 */
final class FunctionUrlRoutes {

    private static final String URL = "/2021-10-31/functions/{FunctionName}/url";

    private final ControlPlane controlPlane;
    private final FunctionUrlAddress address;

    FunctionUrlRoutes(ControlPlane controlPlane, FunctionUrlAddress address) {
        this.controlPlane = controlPlane;
        this.address = address;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", URL, "CreateFunctionUrlConfig", this::create),
                Route.of("GET", URL, "GetFunctionUrlConfig", this::get),
                Route.of("PUT", URL, "UpdateFunctionUrlConfig", this::update),
                Route.of("DELETE", URL, "DeleteFunctionUrlConfig", this::delete),
                Route.of("GET", URL + "s", "ListFunctionUrlConfigs", this::list));
    }

    private ApiResponse create(ApiRequest request) {
        FunctionUrlConfig created = controlPlane.functionUrls().create(request.qualifiedFunction(),
                request.json(Requests.FunctionUrlConfig.class));
        // CreateFunctionUrlConfig's answer has no LastModifiedTime in the model.
        WireShapes.FunctionUrlConfiguration wire = wire(created);
        return ApiResponse.json(201, new WireShapes.FunctionUrlConfiguration(wire.functionUrl(), wire.functionArn(),
                wire.authType(), wire.cors(), wire.creationTime(), null, wire.invokeMode()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, wire(controlPlane.functionUrls().get(request.qualifiedFunction())));
    }

    private ApiResponse update(ApiRequest request) {
        return ApiResponse.json(200, wire(controlPlane.functionUrls().update(request.qualifiedFunction(),
                request.json(Requests.FunctionUrlConfig.class))));
    }

    private ApiResponse delete(ApiRequest request) {
        controlPlane.functionUrls().delete(request.qualifiedFunction());
        return ApiResponse.empty(204);
    }

    private ApiResponse list(ApiRequest request) {
        Page<FunctionUrlConfig> page = controlPlane.functionUrls().list(request.function(),
                request.queryParameter("Marker"), request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new WireShapes.ListFunctionUrlConfigsResponse(
                page.items().stream().map(this::wire).toList(), page.nextMarker()));
    }

    private WireShapes.FunctionUrlConfiguration wire(FunctionUrlConfig config) {
        return WireShapes.functionUrl(config, address.url(config.urlId()), controlPlane.functionUrls().arn(config));
    }
}
