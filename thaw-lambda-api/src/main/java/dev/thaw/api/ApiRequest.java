package dev.thaw.api;

import dev.thaw.api.auth.Caller;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.FunctionRef;
import dev.thaw.controlplane.LambdaException;

import java.util.List;
import java.util.Map;

/**
 * One request as the handlers see it: path parameters, decoded query parameters, the head (for its headers), the body (already read
 * within the route's limit), the request id answered in {@code x-amzn-RequestId} and who signed it.
 */
record ApiRequest(String requestId, Map<String, String> pathParameters, Map<String, List<String>> query,
                  RequestHead head, byte[] body, Caller caller) {

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    List<String> queryParameters(String name) {
        return query.getOrDefault(name, List.of());
    }

    Integer intQueryParameter(String name) {
        String value = queryParameter(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw LambdaException.invalidParameter("Value '" + LambdaException.echo(value) + "' for " + name
                    + " is not an integer.");
        }
    }

    String header(String name) {
        return head.header(name).orElse(null);
    }

    /** The function named by the {FunctionName} path segment. */
    FunctionRef function() {
        return FunctionRef.parse(pathParameter("FunctionName"));
    }

    /** The function with the Qualifier query parameter folded in. */
    FunctionRef qualifiedFunction() {
        return function().withQualifier(queryParameter("Qualifier"));
    }

    <T> T json(Class<T> type) {
        return Json.read(body, type);
    }
}
