package dev.thaw.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Verifies AWS Signature Version 4 on requests to one service, against the keys the server holds. It checks in two
 * steps so that a request is refused before its body is read whenever it can be: {@link #check} looks at what the
 * head says (form, key, scope, time), {@link SignatureClaim#verify} computes the signature over the body.
 */
public final class SignatureVerifier {

    /** How far a signature's time may be from the server's clock, either way. */
    private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private final AccessKeys keys;
    private final String service;
    private final Clock clock;

    public SignatureVerifier(AccessKeys keys, String service, Clock clock) {
        this.keys = keys;
        this.service = service;
        this.clock = clock;
    }

    /** @throws AuthException when the head alone shows the request must be refused */
    public SignatureClaim check(RequestHead head) {
        SignatureParameters parameters = SignatureParameters.of(head);
        CredentialScope scope = parameters.scope();
        AccessKey key = keys.byId(scope.accessKeyId()).orElseThrow(() -> new AuthException(
                AuthFailure.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid."));
        if (!scope.service().equals(service)) {
            throw invalid("Credential should be scoped to correct service: '" + service + "'.");
        }
        String signedAt = SigV4.DATE_TIME.format(parameters.signedAt());
        if (!scope.date().equals(signedAt.substring(0, 8))) {
            throw invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scope.date() + "' != '" + signedAt.substring(0, 8) + "', from '" + signedAt + "'.");
        }
        checkTime(parameters);
        return new SignatureClaim(head, parameters, key);
    }

    private void checkTime(SignatureParameters parameters) {
        Instant now = clock.instant();
        Instant signedAt = parameters.signedAt();
        Duration validity = parameters.presigned() ? parameters.validity() : MAX_CLOCK_SKEW;
        Instant earliest = now.minus(validity);
        if (signedAt.isBefore(earliest)) {
            throw invalid("Signature expired: " + format(signedAt) + " is now earlier than " + format(earliest)
                    + " (" + format(now) + " - " + describe(validity) + ".)");
        }
        Instant latest = now.plus(MAX_CLOCK_SKEW);
        if (signedAt.isAfter(latest)) {
            throw invalid("Signature not yet current: " + format(signedAt) + " is still later than " + format(latest)
                    + " (" + format(now) + " + " + describe(MAX_CLOCK_SKEW) + ".)");
        }
    }

    private static String describe(Duration duration) {
        return duration.toSecondsPart() == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " sec";
    }

    private static String format(Instant instant) {
        return SigV4.DATE_TIME.format(instant);
    }

    static AuthException invalid(String message) {
        return new AuthException(AuthFailure.INVALID_SIGNATURE, message);
    }
}
