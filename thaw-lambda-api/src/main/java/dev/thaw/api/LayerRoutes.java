package dev.thaw.api;

import dev.thaw.controlplane.Page;
import dev.thaw.controlplane.PackageStore;
import dev.thaw.controlplane.PolicyText;
import dev.thaw.controlplane.Requests;
import dev.thaw.controlplane.layers.LayerService;
import dev.thaw.controlplane.layers.LayerVersion;

import java.util.List;

/**
 * PublishLayerVersion, GetLayerVersion, GetLayerVersionByArn, ListLayers, ListLayerVersions, DeleteLayerVersion,
 * AddLayerVersionPermission, GetLayerVersionPolicy and RemoveLayerVersionPermission.
 */
final class LayerRoutes {

    private static final String LAYERS = "/2018-10-31/layers";
    private static final String VERSIONS = LAYERS + "/{LayerName}/versions";
    private static final String VERSION = VERSIONS + "/{VersionNumber}";
    private static final String POLICY = VERSION + "/policy";

    private final LayerService layers;
    private final CodeLocations codeLocations;

    LayerRoutes(LayerService layers, CodeLocations codeLocations) {
        this.layers = layers;
        this.codeLocations = codeLocations;
    }

    /** The content of a layer version, as Get and Publish answer it: Location is a presigned download URL. */
    record Content(String location, String codeSha256, long codeSize) {
    }

    record LayerVersionResponse(Content content, String layerArn, String layerVersionArn, String description,
                                String createdDate, long version, List<String> compatibleRuntimes,
                                String licenseInfo, List<String> compatibleArchitectures) {
    }

    record LayerVersionsListItem(String layerVersionArn, long version, String description, String createdDate,
                                 List<String> compatibleRuntimes, String licenseInfo,
                                 List<String> compatibleArchitectures) {
    }

    record LayersListItem(String layerName, String layerArn, LayerVersionsListItem latestMatchingVersion) {
    }

    record ListLayersResponse(String nextMarker, List<LayersListItem> layers) {
    }

    record ListLayerVersionsResponse(String nextMarker, List<LayerVersionsListItem> layerVersions) {
    }

    record StatementResponse(String statement, String revisionId) {
    }

    record PolicyResponse(String policy, String revisionId) {
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", VERSIONS, "PublishLayerVersion", this::publish),
                Route.of("GET", VERSIONS, "ListLayerVersions", this::listVersions),
                Route.of("GET", VERSION, "GetLayerVersion", this::get),
                Route.of("DELETE", VERSION, "DeleteLayerVersion", this::delete),
                // ListLayers and GetLayerVersionByArn (?find=LayerVersion) share their path.
                Route.of("GET", LAYERS, "ListLayers", this::listOrFind),
                Route.of("POST", POLICY, "AddLayerVersionPermission", this::addPermission),
                Route.of("GET", POLICY, "GetLayerVersionPolicy", this::policy),
                Route.of("DELETE", POLICY + "/{StatementId}", "RemoveLayerVersionPermission",
                        this::removePermission));
    }

    private ApiResponse publish(ApiRequest request) {
        LayerVersion published = layers.publish(request.pathParameter("LayerName"),
                request.json(Requests.PublishLayerVersion.class));
        return ApiResponse.json(201, response(request, published));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, response(request,
                layers.get(request.pathParameter("LayerName"), request.pathParameter("VersionNumber"))));
    }

    private ApiResponse listOrFind(ApiRequest request) {
        if ("LayerVersion".equals(request.queryParameter("find"))) {
            return ApiResponse.json(200, response(request, layers.getByArn(request.queryParameter("Arn"))));
        }
        Page<LayerVersion> page = layers.list(request.queryParameter("CompatibleRuntime"),
                request.queryParameter("CompatibleArchitecture"), request.queryParameter("Marker"),
                request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new ListLayersResponse(page.nextMarker(), page.items().stream()
                .map(version -> new LayersListItem(version.layerName(), layers.layerArn(version), item(version)))
                .toList()));
    }

    private ApiResponse listVersions(ApiRequest request) {
        Page<LayerVersion> page = layers.listVersions(request.pathParameter("LayerName"),
                request.queryParameter("CompatibleRuntime"), request.queryParameter("CompatibleArchitecture"),
                request.queryParameter("Marker"), request.intQueryParameter("MaxItems"));
        return ApiResponse.json(200, new ListLayerVersionsResponse(page.nextMarker(),
                page.items().stream().map(this::item).toList()));
    }

    private ApiResponse delete(ApiRequest request) {
        layers.delete(request.pathParameter("LayerName"), request.pathParameter("VersionNumber"));
        return ApiResponse.empty(204);
    }

    private ApiResponse addPermission(ApiRequest request) {
        PolicyText added = layers.addPermission(request.pathParameter("LayerName"),
                request.pathParameter("VersionNumber"), request.json(Requests.AddLayerVersionPermission.class),
                request.queryParameter("RevisionId"));
        return ApiResponse.json(201, new StatementResponse(added.text(), added.revisionId()));
    }

    private ApiResponse policy(ApiRequest request) {
        PolicyText policy = layers.policy(request.pathParameter("LayerName"),
                request.pathParameter("VersionNumber"));
        return ApiResponse.json(200, new PolicyResponse(policy.text(), policy.revisionId()));
    }

    private ApiResponse removePermission(ApiRequest request) {
        layers.removePermission(request.pathParameter("LayerName"), request.pathParameter("VersionNumber"),
                request.pathParameter("StatementId"), request.queryParameter("RevisionId"));
        return ApiResponse.empty(204);
    }

    private LayerVersionResponse response(ApiRequest request, LayerVersion version) {
        return new LayerVersionResponse(new Content(
                codeLocations.of(request, PackageStore.hexOf(version.content().codeSha256())),
                version.content().codeSha256(), version.content().codeSize()),
                layers.layerArn(version), layers.versionArn(version), version.description(), version.createdDate(),
                version.version(), emptyAsNull(version.compatibleRuntimes()), version.licenseInfo(),
                emptyAsNull(version.compatibleArchitectures()));
    }

    private LayerVersionsListItem item(LayerVersion version) {
        return new LayerVersionsListItem(layers.versionArn(version), version.version(), version.description(),
                version.createdDate(), emptyAsNull(version.compatibleRuntimes()), version.licenseInfo(),
                emptyAsNull(version.compatibleArchitectures()));
    }

    private static List<String> emptyAsNull(List<String> values) {
        return values.isEmpty() ? null : values;
    }
}
