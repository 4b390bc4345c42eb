package dev.thaw.api.auth;

/** A request refused by the signature or browser checks; its message is what the client is told. */
public final class AuthException extends RuntimeException {

    private final AuthFailure failure;

    public AuthException(AuthFailure failure, String message) {
        // Refusals are expected traffic: no stack trace to fill in for each.
        super(message, null, false, false);
        this.failure = failure;
    }

    public AuthFailure failure() {
        return failure;
    }
}
