package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Returns what {@code /tmp/thaw-example.txt} held before this invocation, then stores the event's
 * {@code "write"} value there. Shows that /tmp survives warm invocations and is private to an environment.
 */
public class TmpFiles implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Path FILE = Path.of("/tmp/thaw-example.txt");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            Map<String, Object> result = new TreeMap<>();
            result.put("previous", Files.exists(FILE) ? Files.readString(FILE) : null);
            result.put("environmentId", EnvironmentId.VALUE);
            Object value = event.get("write");
            if (value != null) {
                Files.writeString(FILE, value.toString());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
