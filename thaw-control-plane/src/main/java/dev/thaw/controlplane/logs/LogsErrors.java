package dev.thaw.controlplane.logs;

import dev.thaw.controlplane.LambdaException;

import java.util.Map;

/** CloudWatch Logs' error types; every one of them is a 400 in its JSON protocol. */
final class LogsErrors {

    private LogsErrors() {
    }

    static LambdaException invalidParameter(String message) {
        return new LambdaException("InvalidParameterException", 400, message, Map.of(), Map.of());
    }

    static LambdaException groupNotFound() {
        return new LambdaException("ResourceNotFoundException", 400, "The specified log group does not exist.",
                Map.of(), Map.of());
    }

    static LambdaException streamNotFound() {
        return new LambdaException("ResourceNotFoundException", 400, "The specified log stream does not exist.",
                Map.of(), Map.of());
    }
}
