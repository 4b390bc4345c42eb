package dev.thaw.controlplane.logs;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Pagination tokens: opaque to clients, a position of ours inside (base64url). */
final class Tokens {

    private Tokens() {
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    static dev.thaw.controlplane.LambdaException invalid() {
        return LogsErrors.invalidParameter("The specified nextToken is invalid.");
    }
}
