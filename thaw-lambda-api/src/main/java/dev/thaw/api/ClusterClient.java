package dev.thaw.api;

import dev.thaw.api.auth.AccessKey;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.cluster.ClusterNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of another server's own part of what the servers sharing a database hold ({@code /thaw/cluster/...}),
 * signed with the key they share. A server that cannot be reached, or answers anything but 200, gives nothing, and
 * is named in the log: the reader answers without its part.
 */
final class ClusterClient {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterClient.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final SignedHttpClient signed;

    /** @param key the key every server sharing the database holds */
    ClusterClient(AccessKey key, Clock clock) {
        this.signed = new SignedHttpClient(key, http, clock, LambdaApiServer.SIGNING_NAME);
    }

    <T> Optional<T> get(ClusterNode node, String path, Class<T> type) {
        return send(node, "GET", path, new byte[0], type);
    }

    /** The node's answer read as {@code type}; {@code body}, when not empty, is sent as JSON. */
    <T> Optional<T> send(ClusterNode node, String method, String path, byte[] body, Class<T> type) {
        URI target = node.address().resolve(path);
        try {
            HttpResponse<byte[]> answer = http.send(signed.signed(method, target,
                    body.length == 0 ? Map.of() : Map.of("Content-Type", "application/json"), body)
                    .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                LOG.warn("server {} answered {} to {} {}: left out", node.nodeId(), answer.statusCode(), method,
                        path);
                return Optional.empty();
            }
            return Optional.of(Json.read(answer.body(), type));
        } catch (IOException | LambdaException e) {
            LOG.warn("cannot ask server {} for {}: left out: {}", node.nodeId(), path, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking another server", e);
        }
    }
}
