package dev.thaw.api;

import dev.thaw.controlplane.FunctionPolicyService;
import dev.thaw.controlplane.PolicyText;
import dev.thaw.controlplane.Requests;

import java.util.List;

/** AddPermission, GetPolicy, RemovePermission: a function's resource-based policy, per qualifier. */
final class PolicyRoutes {

    private static final String POLICY = "/2015-03-31/functions/{FunctionName}/policy";

    private final FunctionPolicyService policies;

    PolicyRoutes(FunctionPolicyService policies) {
        this.policies = policies;
    }

    record StatementResponse(String statement) {
    }

    record PolicyResponse(String policy, String revisionId) {
    }

    List<Route> routes() {
        return List.of(
                Route.of("POST", POLICY, "AddPermission", request -> ApiResponse.json(201, new StatementResponse(
                        policies.addPermission(request.qualifiedFunction(),
                                request.json(Requests.AddPermission.class))))),
                Route.of("GET", POLICY, "GetPolicy", request -> {
                    PolicyText policy = policies.policy(request.qualifiedFunction());
                    return ApiResponse.json(200, new PolicyResponse(policy.text(), policy.revisionId()));
                }),
                Route.of("DELETE", POLICY + "/{StatementId}", "RemovePermission", request -> {
                    policies.removePermission(request.qualifiedFunction(), request.pathParameter("StatementId"),
                            request.queryParameter("RevisionId"));
                    return ApiResponse.empty(204);
                }));
    }
}
