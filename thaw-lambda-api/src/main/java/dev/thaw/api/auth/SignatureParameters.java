package dev.thaw.api.auth;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a request says about its signature, from its Authorization header or from a presigned URL's query.
 *
 * @param validity how long after {@code signedAt} a presigned request stays valid; null for the header form, which
 *                 is bounded by the clock skew instead
 */
record SignatureParameters(CredentialScope scope, List<String> signedHeaders, String signature, Instant signedAt,
                           Duration validity) {

    static final String ALGORITHM_PARAMETER = "X-Amz-Algorithm";
    static final String CREDENTIAL_PARAMETER = "X-Amz-Credential";
    static final String DATE_PARAMETER = "X-Amz-Date";
    static final String EXPIRES_PARAMETER = "X-Amz-Expires";
    static final String SIGNED_HEADERS_PARAMETER = "X-Amz-SignedHeaders";
    static final String SIGNATURE_PARAMETER = "X-Amz-Signature";
    /** AWS's limit for a presigned URL: a week. */
    static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final String MISSING_TOKEN = "Missing Authentication Token";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm:ss 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);

    boolean presigned() {
        return validity != null;
    }

    static SignatureParameters of(RequestHead head) {
        Optional<String> authorization = head.header("Authorization");
        Map<String, String> query = queryParameters(head.rawQuery());
        if (authorization.isPresent() && query.containsKey(ALGORITHM_PARAMETER)) {
            throw incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the "
                    + "Authorization header should be specified.");
        }
        if (authorization.isPresent()) {
            return fromHeader(authorization.get().strip(), head);
        }
        if (query.containsKey(ALGORITHM_PARAMETER)) {
            return fromQuery(query);
        }
        throw new AuthException(AuthFailure.MISSING_AUTHENTICATION_TOKEN, MISSING_TOKEN);
    }

    private static SignatureParameters fromHeader(String authorization, RequestHead head) {
        int space = authorization.indexOf(' ');
        String algorithm = space < 0 ? authorization : authorization.substring(0, space);
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'; only " + SigV4.ALGORITHM
                    + " is accepted.");
        }
        Map<String, String> parameters = new HashMap<>();
        for (String part : authorization.substring(space + 1).split(",")) {
            int equals = part.indexOf('=');
            if (equals > 0) {
                parameters.put(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
            }
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "SignedHeaders", "Signature")) {
            if (parameters.getOrDefault(name, "").isEmpty()) {
                missing.add("Authorization header requires '" + name + "' parameter.");
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(String.join(" ", missing) + " Authorization=" + authorization);
        }
        Instant signedAt = head.header(DATE_PARAMETER).map(SignatureParameters::basicDateTime)
                .or(() -> head.header("Date").map(SignatureParameters::httpDate))
                .orElseThrow(() -> incomplete("Authorization header requires existence of either a 'X-Amz-Date' or"
                        + " a 'Date' header. Authorization=" + authorization));
        return new SignatureParameters(CredentialScope.parse(parameters.get("Credential")),
                signedHeaders(parameters.get("SignedHeaders")), parameters.get("Signature"), signedAt, null);
    }

    private static SignatureParameters fromQuery(Map<String, String> query) {
        String algorithm = query.get(ALGORITHM_PARAMETER);
        if (!algorithm.equals(SigV4.ALGORITHM)) {
            throw incomplete("Unsupported " + ALGORITHM_PARAMETER + " '" + algorithm + "'; only " + SigV4.ALGORITHM
                    + " is accepted.");
        }
        for (String name : List.of(CREDENTIAL_PARAMETER, DATE_PARAMETER, EXPIRES_PARAMETER,
                SIGNED_HEADERS_PARAMETER, SIGNATURE_PARAMETER)) {
            if (query.getOrDefault(name, "").isEmpty()) {
                throw incomplete("AWS query-string parameters must include '" + name + "'. Re-examine the "
                        + "query-string parameters.");
            }
        }
        long expires;
        try {
            expires = Long.parseLong(query.get(EXPIRES_PARAMETER));
        } catch (NumberFormatException e) {
            expires = -1;
        }
        if (expires < 1 || expires > MAX_EXPIRES_SECONDS) {
            throw incomplete(EXPIRES_PARAMETER + " must be a number of seconds from 1 to " + MAX_EXPIRES_SECONDS
                    + ", not '" + query.get(EXPIRES_PARAMETER) + "'.");
        }
        return new SignatureParameters(CredentialScope.parse(query.get(CREDENTIAL_PARAMETER)),
                signedHeaders(query.get(SIGNED_HEADERS_PARAMETER)), query.get(SIGNATURE_PARAMETER),
                basicDateTime(query.get(DATE_PARAMETER)), Duration.ofSeconds(expires));
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = Arrays.asList(value.split(";", -1));
        if (names.stream().noneMatch("host"::equalsIgnoreCase)) {
            throw incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        return names;
    }

    private static Instant basicDateTime(String value) {
        try {
            return Instant.from(SigV4.DATE_TIME.parse(value));
        } catch (DateTimeException e) {
            throw incomplete("X-Amz-Date must be in the ISO 8601 basic format yyyyMMdd'T'HHmmss'Z', not '" + value
                    + "'.");
        }
    }

    private static Instant httpDate(String value) {
        try {
            // The day's name is redundant, and AWS's own test suite gets it wrong: only the date itself counts.
            return Instant.from(HTTP_DATE.parse(value.substring(value.indexOf(',') + 1).strip()));
        } catch (DateTimeException e) {
            throw incomplete("The Date header must be an HTTP date (RFC 1123), not '" + value + "'.");
        }
    }

    /** The first value of each parameter, decoded. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                parameters.putIfAbsent(UriEncoding.decode(pair.substring(0, equals)),
                        UriEncoding.decode(pair.substring(equals + 1)));
            }
        }
        return parameters;
    }

    private static AuthException incomplete(String message) {
        return new AuthException(AuthFailure.INCOMPLETE_SIGNATURE, message);
    }
}
