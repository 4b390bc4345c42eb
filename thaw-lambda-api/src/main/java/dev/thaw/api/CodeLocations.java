package dev.thaw.api;

import dev.thaw.api.auth.Presigner;

import java.time.Duration;

/**
 * GetFunction's Code.Location: a URL of the package download route presigned with the caller's key, valid for ten
 * minutes as Lambda's is, so that it can be fetched without credentials like Lambda's presigned S3 URL.
 */
final class CodeLocations {

    static final Duration VALIDITY = Duration.ofMinutes(10);

    private final String scheme;
    private final Presigner presigner;

    /** @param scheme {@code http} or {@code https}, as the API is served */
    CodeLocations(String scheme, Presigner presigner) {
        this.scheme = scheme;
        this.presigner = presigner;
    }

    /** The URL for the package with this SHA-256, through the host the client reached (checked before routing). */
    String of(ApiRequest request, String sha256Hex) {
        String host = request.header("Host");
        String path = CodeDownloadRoute.PATH_PREFIX + sha256Hex;
        return scheme + "://" + host + path + "?" + presigner.presignedQuery(request.caller(), host, path, VALIDITY);
    }
}
