package dev.thaw.controlplane.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which server owns a key (a function): rendezvous hashing, the server whose hash with the key is highest. Every
 * server computes the same owner from the same live servers, and when one joins or leaves only the keys it wins or
 * held move. The servers in falling hash order are where a key's work goes when those before are full.
 */
final class Ring {

    private Ring() {
    }

    static Optional<ClusterNode> owner(String key, Collection<ClusterNode> nodes) {
        return nodes.stream().max(byWeight(key));
    }

    /** Every server, the owner of {@code key} first, then each that would own it were those before it gone. */
    static List<ClusterNode> order(String key, Collection<ClusterNode> nodes) {
        return nodes.stream().sorted(byWeight(key).reversed()).toList();
    }

    private static Comparator<ClusterNode> byWeight(String key) {
        return Comparator.comparingLong((ClusterNode node) -> weight(node.nodeId(), key))
                .thenComparing(ClusterNode::nodeId);
    }

    private static long weight(String nodeId, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(nodeId.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
