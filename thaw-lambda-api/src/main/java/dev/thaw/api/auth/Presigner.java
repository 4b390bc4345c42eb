package dev.thaw.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Presigned GET URLs, the way Lambda answers GetFunction's Code.Location: the signature travels in the query, made
 * with the caller's own key, and the URL expires.
 */
public final class Presigner {

    private static final String EMPTY_PAYLOAD_HASH = SigV4.sha256Hex(new byte[0]);

    private final String service;
    private final Clock clock;

    public Presigner(String service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    /** The query string that presigns a GET of {@code rawPath} through {@code host}. */
    public String presignedQuery(Caller caller, String host, String rawPath, Duration validity) {
        String dateTime = SigV4.DATE_TIME.format(clock.instant());
        CredentialScope scope = new CredentialScope(caller.key().accessKeyId(), dateTime.substring(0, 8),
                caller.region(), service);
        String query = SignatureParameters.ALGORITHM_PARAMETER + "=" + SigV4.ALGORITHM
                + "&" + SignatureParameters.CREDENTIAL_PARAMETER + "=" + UriEncoding.encode(scope.credential(), false)
                + "&" + SignatureParameters.DATE_PARAMETER + "=" + dateTime
                + "&" + SignatureParameters.EXPIRES_PARAMETER + "=" + validity.toSeconds()
                + "&" + SignatureParameters.SIGNED_HEADERS_PARAMETER + "=host";
        RequestHead head = new RequestHead("GET", rawPath, query, Map.of("Host", List.of(host)));
        String canonicalRequest = CanonicalRequest.of(head, List.of("host"), EMPTY_PAYLOAD_HASH, null);
        String signature = SigV4.signature(caller.key().secretAccessKey(), scope,
                SigV4.stringToSign(dateTime, scope, canonicalRequest));
        return query + "&" + SignatureParameters.SIGNATURE_PARAMETER + "=" + signature;
    }
}
