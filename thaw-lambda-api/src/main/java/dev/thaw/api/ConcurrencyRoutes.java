package dev.thaw.api;

import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.Requests;

import java.util.List;

/**
 * Put/Get/DeleteFunctionConcurrency, PutProvisionedConcurrencyConfig and GetAccountSettings, each at the API version
 * the model gives it.
 */
final class ConcurrencyRoutes {

    private final ControlPlane controlPlane;

    ConcurrencyRoutes(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    List<Route> routes() {
        return List.of(
                Route.of("PUT", "/2017-10-31/functions/{FunctionName}/concurrency", "PutFunctionConcurrency",
                        this::put),
                Route.of("GET", "/2019-09-30/functions/{FunctionName}/concurrency", "GetFunctionConcurrency",
                        this::get),
                Route.of("DELETE", "/2017-10-31/functions/{FunctionName}/concurrency", "DeleteFunctionConcurrency",
                        this::delete),
                Route.of("PUT", "/2019-09-30/functions/{FunctionName}/provisioned-concurrency",
                        "PutProvisionedConcurrencyConfig", this::putProvisioned),
                Route.of("GET", "/2016-08-19/account-settings", "GetAccountSettings", this::accountSettings));
    }

    private ApiResponse put(ApiRequest request) {
        int reserved = controlPlane.concurrency().put(request.function(),
                request.json(Requests.PutFunctionConcurrency.class).reservedConcurrentExecutions());
        return ApiResponse.json(200, new WireShapes.Concurrency(reserved));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.json(200, new WireShapes.Concurrency(controlPlane.concurrency().get(request.function())));
    }

    private ApiResponse delete(ApiRequest request) {
        controlPlane.concurrency().delete(request.function());
        return ApiResponse.empty(204);
    }

    // Always refused (see ProvisionedConcurrencyService), so there is no success shape to answer.
    private ApiResponse putProvisioned(ApiRequest request) {
        throw controlPlane.provisionedConcurrency().refusal(request.qualifiedFunction(),
                request.json(Requests.PutProvisionedConcurrencyConfig.class).provisionedConcurrentExecutions());
    }

    private ApiResponse accountSettings(ApiRequest request) {
        return ApiResponse.json(200, WireShapes.accountSettings(controlPlane.concurrency().accountSettings()));
    }
}
