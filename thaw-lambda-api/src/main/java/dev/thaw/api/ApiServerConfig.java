package dev.thaw.api;

import dev.thaw.api.auth.AccessKeys;

import javax.net.ssl.SSLContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * Where and how the API is served, and whom it lets in.
 *
 * @param address        the API's listener; port 0 picks a free one
 * @param tls            serve HTTPS with this context; empty: plain HTTP
 * @param keys           the keys whose signatures are accepted
 * @param publicHosts    host names (or {@code name:port}) clients reach the server by, beyond its own
 * @param allowedOrigins web origins whose pages may call the API; none by default
 * @param metricsAddress a loopback listener that serves {@code GET /metrics} unsigned; empty: none
 * @param urlAddress     the public listener of function URLs; port 0 picks a free one
 * @param limits         what each connection of either listener may take
 */
public record ApiServerConfig(InetSocketAddress address, Optional<SSLContext> tls, AccessKeys keys,
                              List<String> publicHosts, List<String> allowedOrigins,
                              Optional<InetSocketAddress> metricsAddress, InetSocketAddress urlAddress,
                              HttpLimits limits) {

    public ApiServerConfig {
        publicHosts = List.copyOf(publicHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (metricsAddress.isPresent() && !metricsAddress.get().getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the unsigned metrics listener must be on a loopback address, not "
                    + metricsAddress.get().getAddress().getHostAddress());
        }
    }
}
