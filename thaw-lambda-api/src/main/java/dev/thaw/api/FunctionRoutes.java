package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.FunctionConfig;
import dev.thaw.controlplane.FunctionDetails;
import dev.thaw.controlplane.FunctionRef;
import dev.thaw.controlplane.Page;
import dev.thaw.controlplane.PackageStore;
import dev.thaw.controlplane.Requests;

import java.util.List;

/** Functions and versions: create, get, update, list, delete, publish. */
final class FunctionRoutes {

    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String FUNCTION = FUNCTIONS + "/{FunctionName}";

    private final ControlPlane controlPlane;
    private final CodeLocations codeLocations;

    FunctionRoutes(ControlPlane controlPlane, CodeLocations codeLocations) {
        this.controlPlane = controlPlane;
        this.codeLocations = codeLocations;
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", FUNCTIONS, "CreateFunction", this::create),
                Route.of("GET", FUNCTIONS, "ListFunctions", this::list),
                Route.of("GET", FUNCTION, "GetFunction", this::get),
                Route.of("DELETE", FUNCTION, "DeleteFunction", this::delete),
                Route.of("GET", FUNCTION + "/configuration", "GetFunctionConfiguration", this::configuration),
                Route.of("PUT", FUNCTION + "/configuration", "UpdateFunctionConfiguration",
                        this::updateConfiguration),
                Route.of("PUT", FUNCTION + "/code", "UpdateFunctionCode", this::updateCode),
                Route.of("POST", FUNCTION + "/versions", "PublishVersion", this::publish),
                Route.of("GET", FUNCTION + "/versions", "ListVersionsByFunction", this::listVersions));
    }

    private ApiResponse create(ApiRequest request) {
        FunctionConfig created = controlPlane.functions().create(request.json(Requests.CreateFunction.class));
        return configuration(201, created);
    }

    private ApiResponse list(ApiRequest request) {
        Page<FunctionConfig> page = controlPlane.functions().list(request.queryParameter("FunctionVersion"),
                request.queryParameter("Marker"), request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new WireShapes.ListFunctionsResponse(page.nextMarker(),
                page.items().stream().map(this::wire).toList()));
    }

    private ApiResponse get(ApiRequest request) {
        FunctionRef ref = request.qualifiedFunction();
        FunctionDetails details = controlPlane.functions().get(ref);
        FunctionConfig config = details.configuration();
        String location = codeLocations.of(request, PackageStore.hexOf(config.codeSha256()));
        Integer reserved = details.function().reservedConcurrency();
        return ApiResponse.json(200, new WireShapes.GetFunctionResponse(
                WireShapes.configuration(config, controlPlane.arns(), ref.alias()),
                new WireShapes.FunctionCodeLocation("S3", location),
                details.function().tags().isEmpty() ? null : details.function().tags(),
                reserved == null ? null : new WireShapes.Concurrency(reserved)));
    }

    private ApiResponse configuration(ApiRequest request) {
        FunctionRef ref = request.qualifiedFunction();
        return ApiResponse.json(200, WireShapes.configuration(controlPlane.functions().configuration(ref),
                controlPlane.arns(), ref.alias()));
    }

    private ApiResponse updateConfiguration(ApiRequest request) {
        return configuration(200, controlPlane.functions().updateConfiguration(request.function(),
                request.json(Requests.UpdateFunctionConfiguration.class)));
    }

    private ApiResponse updateCode(ApiRequest request) {
        return configuration(200, controlPlane.functions().updateCode(request.function(),
                request.json(Requests.UpdateFunctionCode.class)));
    }

    private ApiResponse delete(ApiRequest request) {
        controlPlane.functions().delete(request.qualifiedFunction());
        return ApiResponse.empty(204);
    }

    private ApiResponse publish(ApiRequest request) {
        return configuration(201, controlPlane.versions().publish(request.function(),
                request.json(Requests.PublishVersion.class)));
    }

    private ApiResponse listVersions(ApiRequest request) {
        Page<FunctionConfig> page = controlPlane.versions().list(request.function(),
                request.queryParameter("Marker"), request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new WireShapes.ListVersionsByFunctionResponse(page.nextMarker(),
                page.items().stream().map(this::wire).toList()));
    }

    private ApiResponse configuration(int status, FunctionConfig config) {
        return ApiResponse.json(status, wire(config));
    }

    private WireShapes.FunctionConfiguration wire(FunctionConfig config) {
        return WireShapes.configuration(config, controlPlane.arns());
    }
}
