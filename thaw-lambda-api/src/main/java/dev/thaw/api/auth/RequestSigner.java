package dev.thaw.api.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs a request in SigV4's header form, the way the AWS SDKs do: for servers that pass a call on to another
 * server sharing their keys.
 */
public final class RequestSigner {

    private final AccessKey key;
    private final String region;
    private final String service;
    private final Clock clock;

    public RequestSigner(AccessKey key, String region, String service, Clock clock) {
        this.key = key;
        this.region = region;
        this.service = service;
        this.clock = clock;
    }

    /**
     * The headers that sign the request: {@code X-Amz-Date}, {@code X-Amz-Content-Sha256} and {@code Authorization}.
     *
     * @param host    the Host header it is sent with
     * @param headers the other headers to sign (names in any case)
     */
    public Map<String, String> sign(String method, String host, String rawPath, String rawQuery,
                                    Map<String, String> headers, byte[] body) {
        String dateTime = SigV4.DATE_TIME.format(clock.instant());
        String payloadHash = SigV4.sha256Hex(body);
        Map<String, List<String>> signed = new TreeMap<>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(), List.of(value)));
        signed.put("host", List.of(host));
        signed.put("x-amz-date", List.of(dateTime));
        signed.put(SigV4.CONTENT_SHA256_HEADER, List.of(payloadHash));
        List<String> names = List.copyOf(signed.keySet());
        CredentialScope scope = new CredentialScope(key.accessKeyId(), dateTime.substring(0, 8), region, service);
        String canonical = CanonicalRequest.of(new RequestHead(method, rawPath, rawQuery == null ? "" : rawQuery,
                signed), names, payloadHash, null);
        String signature = SigV4.signature(key.secretAccessKey(), scope,
                SigV4.stringToSign(dateTime, scope, canonical));
        Map<String, String> result = new LinkedHashMap<>();
        result.put("X-Amz-Date", dateTime);
        result.put("X-Amz-Content-Sha256", payloadHash);
        result.put("Authorization", SigV4.ALGORITHM + " Credential=" + scope.credential() + ", SignedHeaders="
                + String.join(";", names) + ", Signature=" + signature);
        return result;
    }
}
