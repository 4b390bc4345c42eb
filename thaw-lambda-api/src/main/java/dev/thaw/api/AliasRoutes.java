package dev.thaw.api;

import dev.thaw.controlplane.AliasConfig;
import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.Page;
import dev.thaw.controlplane.Requests;

import java.util.List;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. */
final class AliasRoutes {

    private static final String ALIASES = "/2015-03-31/functions/{FunctionName}/aliases";
    private static final String ALIAS = ALIASES + "/{Name}";

    private final ControlPlane controlPlane;

    AliasRoutes(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", ALIASES, "CreateAlias", this::create),
                Route.of("GET", ALIASES, "ListAliases", this::list),
                Route.of("GET", ALIAS, "GetAlias", this::get),
                Route.of("PUT", ALIAS, "UpdateAlias", this::update),
                Route.of("DELETE", ALIAS, "DeleteAlias", this::delete));
    }

    private ApiResponse create(ApiRequest request) {
        return alias(201, controlPlane.aliases().create(request.function(),
                request.json(Requests.CreateAlias.class)));
    }

    private ApiResponse list(ApiRequest request) {
        Page<AliasConfig> page = controlPlane.aliases().list(request.function(),
                request.queryParameter("FunctionVersion"), request.queryParameter("Marker"),
                request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new WireShapes.ListAliasesResponse(page.nextMarker(),
                page.items().stream().map(alias -> WireShapes.alias(alias, controlPlane.arns())).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        return alias(200, controlPlane.aliases().get(request.function(), request.pathParameter("Name")));
    }

    private ApiResponse update(ApiRequest request) {
        return alias(200, controlPlane.aliases().update(request.function(), request.pathParameter("Name"),
                request.json(Requests.UpdateAlias.class)));
    }

    private ApiResponse delete(ApiRequest request) {
        controlPlane.aliases().delete(request.function(), request.pathParameter("Name"));
        return ApiResponse.empty(204);
    }

    private ApiResponse alias(int status, AliasConfig alias) {
        return ApiResponse.json(status, WireShapes.alias(alias, controlPlane.arns()));
    }
}
