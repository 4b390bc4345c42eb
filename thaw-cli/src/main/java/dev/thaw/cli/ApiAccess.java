package dev.thaw.cli;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whom the server's API lets in, and how it is reached.
 *
 * @param credentialsFile the keys accepted, an AWS shared-credentials file; empty: {@code <data-dir>/credentials},
 *                        created with a fresh key on first start
 * @param tls             serve HTTPS with this certificate chain and private key; empty: plain HTTP
 * @param publicHosts     host names (or {@code name:port}) clients reach the server by, beyond its bind address
 * @param allowedOrigins  web origins ({@code scheme://host[:port]}) whose pages may call the API; none by default
 * @param metricsBind     a loopback address and port serving {@code /metrics} without a signature; empty: none
 */
public record ApiAccess(Optional<Path> credentialsFile, Optional<TlsFiles> tls, List<String> publicHosts,
                        List<String> allowedOrigins, Optional<InetSocketAddress> metricsBind) {

    /** The PEM files of the server's certificate chain and of its private key. */
    public record TlsFiles(Path certificateChain, Path privateKey) {
    }

    public ApiAccess {
        publicHosts = List.copyOf(publicHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public static ApiAccess defaults() {
        return new ApiAccess(Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty());
    }

    public ApiAccess withCredentialsFile(Path value) {
        return new ApiAccess(Optional.of(value), tls, publicHosts, allowedOrigins, metricsBind);
    }

    public ApiAccess withTls(TlsFiles value) {
        return new ApiAccess(credentialsFile, Optional.of(value), publicHosts, allowedOrigins, metricsBind);
    }

    public ApiAccess withPublicHosts(List<String> value) {
        return new ApiAccess(credentialsFile, tls, value, allowedOrigins, metricsBind);
    }

    public ApiAccess withAllowedOrigins(List<String> value) {
        return new ApiAccess(credentialsFile, tls, publicHosts, value, metricsBind);
    }

    public ApiAccess withMetricsBind(InetSocketAddress value) {
        return new ApiAccess(credentialsFile, tls, publicHosts, allowedOrigins, Optional.of(value));
    }
}
