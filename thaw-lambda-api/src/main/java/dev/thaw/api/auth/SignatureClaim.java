package dev.thaw.api.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** A request whose head passed {@link SignatureVerifier#check}: the signature it claims, still to be verified. */
public final class SignatureClaim {

    private static final Logger LOG = LoggerFactory.getLogger(SignatureClaim.class);

    private final RequestHead head;
    private final SignatureParameters parameters;
    private final AccessKey key;

    SignatureClaim(RequestHead head, SignatureParameters parameters, AccessKey key) {
        this.head = head;
        this.parameters = parameters;
        this.key = key;
    }

    /**
     * Verifies the signature over the body as received: its real SHA-256 is what gets signed, and a declared
     * {@code x-amz-content-sha256} must be that same hash.
     *
     * @throws AuthException when the signature does not match
     */
    public Caller verify(byte[] body) {
        String payloadHash = SigV4.sha256Hex(body);
        Optional<String> declared = head.header(SigV4.CONTENT_SHA256_HEADER);
        if (declared.isPresent() && (declared.get().equals(SigV4.UNSIGNED_PAYLOAD)
                || declared.get().startsWith("STREAMING-"))) {
            throw SignatureVerifier.invalid("Unsigned payloads are not accepted: sign the payload's SHA-256.");
        }
        if (declared.isPresent() && !declared.get().equals(payloadHash)) {
            throw SignatureVerifier.invalid("The provided '" + SigV4.CONTENT_SHA256_HEADER + "' header does not "
                    + "match what was computed.");
        }
        String canonicalRequest = CanonicalRequest.of(head, parameters.signedHeaders(), payloadHash,
                parameters.presigned() ? SignatureParameters.SIGNATURE_PARAMETER : null);
        String stringToSign = SigV4.stringToSign(SigV4.DATE_TIME.format(parameters.signedAt()), parameters.scope(),
                canonicalRequest);
        String expected = SigV4.signature(key.secretAccessKey(), parameters.scope(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                parameters.signature().getBytes(StandardCharsets.US_ASCII))) {
            LOG.debug("signature mismatch for {}; canonical request:\n{}\nstring to sign:\n{}", key, canonicalRequest,
                    stringToSign);
            throw SignatureVerifier.invalid("The request signature we calculated does not match the signature you "
                    + "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                    + "documentation for details.");
        }
        return new Caller(key, parameters.scope().region());
    }
}
