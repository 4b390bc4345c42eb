package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Returns a string of the event's {@code "bytes"} characters (default 7 MiB, above Lambda's 6 MB limit). */
public class BigResponse implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "x".repeat(((Number) event.getOrDefault("bytes", 7 * 1024 * 1024)).intValue());
    }
}
