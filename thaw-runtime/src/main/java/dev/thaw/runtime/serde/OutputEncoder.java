package dev.thaw.runtime.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a handler's result into response bytes, by its runtime type: bytes and streams go out raw, a string
 * as a JSON string, null as {@code null}, anything else as JSON.
 */
public final class OutputEncoder {

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private OutputEncoder() {
    }

    public static byte[] encode(Object result) throws IOException {
        if (result == null) {
            return NULL.clone();
        }
        if (result instanceof byte[] bytes) {
            return bytes;
        }
        if (result instanceof InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            }
        }
        if (result instanceof String text) {
            return JsonText.quote(text).getBytes(StandardCharsets.UTF_8);
        }
        return RuntimeJson.mapper().writeValueAsBytes(result);
    }
}
