package dev.thaw.api;

import java.time.Duration;

/**
 * What one connection may take of the server: the size and number of request headers (beyond them the answer is
 * 431), how long a connection may stay silent (idle between requests, or stalled within one) before it is closed,
 * and how long a request body may take to arrive in full (beyond it the answer is 408).
 *
 * @param maxHeaderBytes the request line and headers together
 * @param maxHeaderCount header fields in one request
 * @param idleTimeout    silence on a connection, whatever state its request is in
 * @param bodyTimeout    from the first read of a body to its last byte
 */
public record HttpLimits(int maxHeaderBytes, int maxHeaderCount, Duration idleTimeout, Duration bodyTimeout) {

    /**
     * Room for SigV4 headers with a session token, a 3,583-byte client context and a long presigned query; a
     * 70 MB body (a 50 MB zip, base64-encoded) at 1 MB/s.
     */
    public static final HttpLimits DEFAULTS = new HttpLimits(16 * 1024, 100, Duration.ofSeconds(30),
            Duration.ofSeconds(90));

    public HttpLimits {
        if (maxHeaderBytes <= 0 || maxHeaderCount <= 0 || !idleTimeout.isPositive() || !bodyTimeout.isPositive()) {
            throw new IllegalArgumentException("HTTP limits must be positive: " + maxHeaderBytes + " header bytes, "
                    + maxHeaderCount + " headers, idle " + idleTimeout + ", body " + bodyTimeout);
        }
    }
}
