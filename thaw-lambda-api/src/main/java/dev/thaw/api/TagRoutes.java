package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.Requests;

import java.util.List;

/** ListTags, TagResource, UntagResource. */
final class TagRoutes {

    private static final String TAGS = "/2017-03-31/tags/{ARN}";

    private final ControlPlane controlPlane;

    TagRoutes(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    List<Route> routes() {
        return List.of(
                Route.of("GET", TAGS, "ListTags", this::list),
                Route.of("POST", TAGS, "TagResource", this::tag),
                Route.of("DELETE", TAGS, "UntagResource", this::untag));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.json(200, new WireShapes.ListTagsResponse(
                controlPlane.tags().list(request.pathParameter("ARN"))));
    }

    private ApiResponse tag(ApiRequest request) {
        controlPlane.tags().tag(request.pathParameter("ARN"), request.json(Requests.TagResource.class).tags());
        return ApiResponse.empty(204);
    }

    private ApiResponse untag(ApiRequest request) {
        controlPlane.tags().untag(request.pathParameter("ARN"), request.queryParameters("tagKeys"));
        return ApiResponse.empty(204);
    }
}
