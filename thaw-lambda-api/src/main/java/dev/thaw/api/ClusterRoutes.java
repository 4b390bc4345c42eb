package dev.thaw.api;

import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /thaw/cluster/nodes} for {@code thaw cluster status}: outside the Lambda API's paths, signed like it. */
final class ClusterRoutes {

    private final Membership membership;

    ClusterRoutes(Membership membership) {
        this.membership = membership;
    }

    record Node(String nodeId, String address, String started, String heartbeat, boolean alive, boolean self) {
    }

    List<Route> routes() {
        return List.of(Route.of("GET", "/thaw/cluster/nodes", "ClusterNodes", request -> {
            Instant now = Instant.now();
            List<Node> nodes = membership.nodes().stream().map(node -> node(node, now)).toList();
            return ApiResponse.json(200, Map.of("Nodes", nodes));
        }));
    }

    private Node node(ClusterNode node, Instant now) {
        return new Node(node.nodeId(), node.address().toString(), node.started().toString(),
                node.heartbeat().toString(), node.alive(now, Membership.LEASE),
                node.nodeId().equals(membership.nodeId()));
    }
}
