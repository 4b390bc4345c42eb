package dev.thaw.controlplane.cluster;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RingTest {

    private static ClusterNode node(String id) {
        return new ClusterNode(id, URI.create("http://" + id), Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void everyServerAgreesAndALeavingServerMovesOnlyItsOwnKeys() {
        List<ClusterNode> three = List.of(node("a"), node("b"), node("c"));
        List<ClusterNode> shuffled = List.of(node("c"), node("a"), node("b"));
        List<ClusterNode> withoutB = List.of(node("a"), node("c"));
        Map<String, Integer> owned = new HashMap<>();
        for (String key : IntStream.range(0, 3000).mapToObj(i -> "fn-" + i + ":1").toList()) {
            String owner = Ring.owner(key, three).orElseThrow().nodeId();
            assertEquals(owner, Ring.owner(key, shuffled).orElseThrow().nodeId(), "the order of the list is no input");
            owned.merge(owner, 1, Integer::sum);
            if (!owner.equals("b")) {
                assertEquals(owner, Ring.owner(key, withoutB).orElseThrow().nodeId(), "only b's keys move");
            }
        }
        // Rendezvous hashing spreads keys evenly: each of three owns about a third.
        owned.values().forEach(count -> assertTrue(count > 800 && count < 1200, owned.toString()));
        assertTrue(Ring.owner("k", List.of()).isEmpty());
    }

    @Test
    void aKeysOrderIsItsOwnerFirstThenWhoWouldOwnItWereTheOwnerGone() {
        List<ClusterNode> three = List.of(node("a"), node("b"), node("c"));
        for (String key : IntStream.range(0, 300).mapToObj(i -> "fn-" + i).toList()) {
            List<String> order = Ring.order(key, three).stream().map(ClusterNode::nodeId).toList();
            assertEquals(3, order.size());
            assertEquals(Ring.owner(key, three).orElseThrow().nodeId(), order.get(0));
            List<ClusterNode> withoutOwner = three.stream().filter(n -> !n.nodeId().equals(order.get(0))).toList();
            assertEquals(order.get(1), Ring.owner(key, withoutOwner).orElseThrow().nodeId());
            assertEquals(order, Ring.order(key, List.of(node("c"), node("b"), node("a"))).stream()
                    .map(ClusterNode::nodeId).toList(), "the order of the list is no input");
        }
    }
}
