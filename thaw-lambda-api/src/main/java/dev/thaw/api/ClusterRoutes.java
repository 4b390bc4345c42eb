package dev.thaw.api;

import dev.thaw.controlplane.FunctionService;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /thaw/cluster/nodes} for {@code thaw cluster status}: the servers, their leases and the functions each
 * owns; outside the Lambda API's paths, signed like it.
 */
final class ClusterRoutes {

    private final Membership membership;
    private final FunctionService functions;

    ClusterRoutes(Membership membership, FunctionService functions) {
        this.membership = membership;
        this.functions = functions;
    }

    record Node(String nodeId, String address, String started, String heartbeat, boolean alive, boolean self,
                List<String> functions) {
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/thaw/cluster/nodes", "ClusterNodes", request -> {
            Instant now = Instant.now();
            Map<String, List<String>> owned = functions.names().stream()
                    .collect(Collectors.groupingBy(membership::ownerId));
            List<Node> nodes = membership.nodes().stream()
                    .map(node -> node(node, now, owned.getOrDefault(node.nodeId(), List.of()))).toList();
            return ApiResponse.json(200, Map.of("Nodes", nodes));
        }));
    }

    private Node node(ClusterNode node, Instant now, List<String> owned) {
        return new Node(node.nodeId(), node.address().toString(), node.started().toString(),
                node.heartbeat().toString(), node.alive(now, Membership.LEASE),
                node.nodeId().equals(membership.nodeId()), owned);
    }
}
