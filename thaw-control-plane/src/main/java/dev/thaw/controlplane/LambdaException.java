package dev.thaw.controlplane;

import dev.thaw.worker.ThrottleReason;

import java.util.Map;
import java.util.Optional;

/**
 * An error answered to the client in Lambda's shape: the error type (the {@code x-amzn-ErrorType} header), the HTTP
 * status, the message and any extra body members or headers the model defines for that type.
 */
public final class LambdaException extends RuntimeException {

    /** The most of one request value a message repeats back: enough to recognise it, never a 200 KB echo. */
    static final int MAX_ECHO = 256;

    private final String type;
    private final int status;
    private final Map<String, String> extraFields;
    private final Map<String, String> extraHeaders;
    private final ThrottleReason throttleReason;

    public LambdaException(String type, int status, String message, Map<String, String> extraFields,
                           Map<String, String> extraHeaders) {
        this(type, status, message, extraFields, extraHeaders, null);
    }

    private LambdaException(String type, int status, String message, Map<String, String> extraFields,
                            Map<String, String> extraHeaders, ThrottleReason throttleReason) {
        super(message);
        this.type = type;
        this.status = status;
        this.extraFields = Map.copyOf(extraFields);
        this.extraHeaders = Map.copyOf(extraHeaders);
        this.throttleReason = throttleReason;
    }

    private LambdaException(String type, int status, String message) {
        this(type, status, message, Map.of(), Map.of());
    }

    /**
     * A value the client sent, as an error message may repeat it: whole up to {@link #MAX_ECHO} characters, else
     * its start and how much was left out.
     */
    public static String echo(Object value) {
        String text = String.valueOf(value);
        return text.length() <= MAX_ECHO ? text
                : text.substring(0, MAX_ECHO) + "...(" + (text.length() - MAX_ECHO) + " more characters)";
    }

    public static LambdaException notFound(String message) {
        return new LambdaException("ResourceNotFoundException", 404, message);
    }

    public static LambdaException conflict(String message) {
        return new LambdaException("ResourceConflictException", 409, message);
    }

    public static LambdaException invalidParameter(String message) {
        return new LambdaException("InvalidParameterValueException", 400, message);
    }

    /** A request member breaks a constraint of the service model (length, range, pattern, required). */
    public static LambdaException validation(String message) {
        return new LambdaException("ValidationException", 400, "1 validation error detected: " + message);
    }

    /**
     * A request member's value breaks a constraint of the model: "Value 'v' at 'member' failed to satisfy
     * constraint: rule", the value {@linkplain #echo bounded} ("Value null at ..." when there is none).
     */
    public static LambdaException constraint(String member, Object value, String rule) {
        return validation("Value " + (value == null ? "null" : "'" + echo(value) + "'") + " at '" + member
                + "' failed to satisfy constraint: " + rule);
    }

    public static LambdaException tooLarge(String message) {
        return new LambdaException("RequestEntityTooLargeException", 413, message);
    }

    public static LambdaException preconditionFailed(String message) {
        return new LambdaException("PreconditionFailedException", 412, message);
    }

    public static LambdaException invalidRequestContent(String message) {
        return new LambdaException("InvalidRequestContentException", 400, message);
    }

    public static LambdaException invalidRuntime(String message) {
        return new LambdaException("InvalidRuntimeException", 502, message);
    }

    public static LambdaException service(String message) {
        return new LambdaException("ServiceException", 500, message);
    }

    /** An Inactive SnapStart version was invoked; its snapshot is being created again. */
    public static LambdaException snapStartNotReady() {
        return new LambdaException("SnapStartNotReadyException", 409, "Lambda is initializing your function. It will "
                + "be ready to invoke once your function state becomes ACTIVE.");
    }

    /**
     * A restored environment could not be made ready: {@code SnapStartException} (400) when an afterRestore hook
     * failed, {@code SnapStartTimeoutException} (408) when restoring exceeded its limit.
     */
    public static LambdaException snapStartRestore(String type, String message) {
        int status = switch (type) {
            case "SnapStartException" -> 400;
            case "SnapStartTimeoutException" -> 408;
            default -> throw new IllegalArgumentException("not a SnapStart restore error: " + type);
        };
        return new LambdaException(type, status, message);
    }

    public static LambdaException throttled(ThrottleReason reason, String message, int retryAfterSeconds) {
        return new LambdaException("TooManyRequestsException", 429, message, Map.of("Reason", reason.lambdaName()),
                Map.of("Retry-After", Integer.toString(retryAfterSeconds)), reason);
    }

    /** Why the call was throttled, for a TooManyRequestsException. */
    public Optional<ThrottleReason> throttleReason() {
        return Optional.ofNullable(throttleReason);
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    /** Lambda reports its own failures as "Service" and everything caused by the request as "User". */
    public String faultKind() {
        return status >= 500 ? "Service" : "User";
    }

    public Map<String, String> extraFields() {
        return extraFields;
    }

    public Map<String, String> extraHeaders() {
        return extraHeaders;
    }
}
