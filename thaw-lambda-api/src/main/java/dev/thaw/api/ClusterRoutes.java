package dev.thaw.api;

import dev.thaw.controlplane.FunctionService;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code GET /thaw/cluster/nodes} for {@code thaw cluster status}: the servers, their leases, the functions each
 * owns and what each live one holds (asked of it, {@code GET /thaw/cluster/self}); outside the Lambda API's paths,
 * signed like it.
 */
final class ClusterRoutes {

    private static final String SELF = "/thaw/cluster/self";

    private final Membership membership;
    private final FunctionService functions;
    private final OperatorViews operator;
    private final ClusterClient client;

    ClusterRoutes(Membership membership, FunctionService functions, OperatorViews operator, ClusterClient client) {
        this.membership = membership;
        this.functions = functions;
        this.operator = operator;
        this.client = client;
    }

    /** @param holds what a live server holds; absent for one that is gone or did not answer */
    record Node(String nodeId, String address, String started, String heartbeat, boolean alive, boolean self,
                List<String> functions, OperatorViews.NodeFigures holds) {
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/thaw/cluster/nodes", "ClusterNodes", request -> {
            Instant now = Instant.now();
            Map<String, List<String>> owned = functions.names().stream()
                    .collect(Collectors.groupingBy(membership::ownerId));
            List<Node> nodes = membership.nodes().stream()
                    .map(node -> node(node, now, owned.getOrDefault(node.nodeId(), List.of()))).toList();
            return ApiResponse.json(200, Map.of("Nodes", nodes));
        }), Route.of("GET", SELF, "ClusterSelf", request -> ApiResponse.json(200, operator.node())));
    }

    private Node node(ClusterNode node, Instant now, List<String> owned) {
        boolean alive = node.alive(now, Membership.LEASE);
        boolean self = membership.isSelf(node);
        Optional<OperatorViews.NodeFigures> holds = self ? Optional.of(operator.node())
                : alive ? client.get(node, SELF, OperatorViews.NodeFigures.class) : Optional.empty();
        return new Node(node.nodeId(), node.address().toString(), node.started().toString(),
                node.heartbeat().toString(), alive, self, owned, holds.orElse(null));
    }
}
