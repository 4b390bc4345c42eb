package dev.thaw.api.auth;

/** Why a request was refused before it reached an operation; each is answered 403 with its Lambda error type. */
public enum AuthFailure {

    /** Neither an Authorization header nor a presigned query. */
    MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException"),
    /** The signature's parameters are missing or malformed: Credential, SignedHeaders, Signature, the date. */
    INCOMPLETE_SIGNATURE("IncompleteSignatureException"),
    /** The access key id is not one the server holds. */
    UNRECOGNIZED_CLIENT("UnrecognizedClientException"),
    /** The signature does not match, is scoped to another service or date, or its time is out of bounds. */
    INVALID_SIGNATURE("InvalidSignatureException"),
    /** A browser's request from a foreign origin, or through a host name this server does not answer to. */
    ACCESS_DENIED("AccessDeniedException");

    private final String errorType;

    AuthFailure(String errorType) {
        this.errorType = errorType;
    }

    /** The {@code x-amzn-ErrorType} the SDKs map to their exceptions. */
    public String errorType() {
        return errorType;
    }
}
