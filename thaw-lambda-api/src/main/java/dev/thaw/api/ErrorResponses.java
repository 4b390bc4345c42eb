package dev.thaw.api;

import dev.thaw.api.auth.AuthException;
import dev.thaw.controlplane.LambdaException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lambda's error wire form: the type in {@code x-amzn-ErrorType} (the SDKs map it to their exception classes) and a
 * body with {@code Type} ("User" or "Service") and {@code message}, plus the type's extra members.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static ApiResponse of(LambdaException error) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("Type", error.faultKind());
        body.put("message", error.getMessage());
        body.putAll(error.extraFields());
        ApiResponse response = ApiResponse.json(error.status(), body).withHeader("x-amzn-ErrorType", error.type());
        for (Map.Entry<String, String> header : error.extraHeaders().entrySet()) {
            response = response.withHeader(header.getKey(), header.getValue());
        }
        return response;
    }

    /** A request the browser or signature checks refused: 403 with the failure's error type. */
    static ApiResponse refused(AuthException refusal) {
        return of(new LambdaException(refusal.failure().errorType(), 403, refusal.getMessage(), Map.of(), Map.of()));
    }

    /** A failure inside the server: the client learns only the request id to quote, never what went wrong. */
    static ApiResponse internal(String requestId) {
        return of(LambdaException.service("An internal error occurred. The server's log has the details under "
                + "request id " + requestId + "."));
    }

    static ApiResponse unknownOperation(String method, String path) {
        return of(new LambdaException("UnknownOperationException", 404, "Unknown operation " + method + " "
                + LambdaException.echo(path),
                Map.of(), Map.of()));
    }

    static ApiResponse methodNotAllowed(String method, String path, String allowed) {
        return of(new LambdaException("MethodNotAllowedException", 405, "Method " + method + " is not allowed on "
                + LambdaException.echo(path) + "; allowed: " + allowed, Map.of(), Map.of("Allow", allowed)));
    }
}
