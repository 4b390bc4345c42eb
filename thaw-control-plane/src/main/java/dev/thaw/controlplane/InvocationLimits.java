package dev.thaw.controlplane;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Lambda's checks on an Invoke request before anything runs: payload size, payload JSON, client context. */
public final class InvocationLimits {

    public static final int MAX_SYNC_PAYLOAD = 6_291_456;
    public static final int MAX_ASYNC_PAYLOAD = 1_048_576;
    private static final int MAX_CLIENT_CONTEXT = 3583;
    private static final JsonFactory JSON = new JsonFactory();

    private InvocationLimits() {
    }

    static void checkPayloadSize(int size, boolean async) {
        int limit = async ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
        if (size > limit) {
            throw LambdaException.tooLarge("Request must be smaller than " + limit
                    + " bytes for the InvokeFunction operation");
        }
    }

    /** An event must be one JSON value; an empty payload is allowed. */
    static void checkPayloadJson(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try (JsonParser parser = JSON.createParser(payload)) {
            JsonToken first = parser.nextToken();
            parser.skipChildren();
            if (first == null || parser.nextToken() != null) {
                throw new IOException("expected exactly one JSON value");
            }
        } catch (IOException e) {
            // The parser's words describe the client's own payload, as Lambda's message does; bounded all the same.
            throw LambdaException.invalidRequestContent("Could not parse request body into json: "
                    + LambdaException.echo(e.getMessage()));
        }
    }

    /** Decodes X-Amz-Client-Context; empty when absent. */
    static String decodeClientContext(String header) {
        if (header == null || header.isEmpty()) {
            return "";
        }
        if (header.length() > MAX_CLIENT_CONTEXT) {
            throw LambdaException.invalidParameter("Client context must be at most " + MAX_CLIENT_CONTEXT
                    + " bytes.");
        }
        try {
            String json = new String(Base64.getDecoder().decode(header), StandardCharsets.UTF_8);
            checkPayloadJson(json.getBytes(StandardCharsets.UTF_8));
            return json;
        } catch (IllegalArgumentException | LambdaException e) {
            throw LambdaException.invalidRequestContent("Client context must be a valid Base64-encoded JSON object.");
        }
    }
}
