package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes {@code /tmp/thaw-init.txt} during init, like a function that unpacks a model or a cache there. Each
 * invocation returns that file's content and what {@code /tmp/thaw-copy.txt} held before it, then stores the
 * event's {@code "write"} value in the latter. With SnapStart the init file is part of the snapshot, so every
 * restored copy must see it, while a file one copy writes must stay private to that copy.
 */
public class TmpAtInit implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Path INIT_FILE = Path.of("/tmp/thaw-init.txt");
    private static final Path COPY_FILE = Path.of("/tmp/thaw-copy.txt");

    public TmpAtInit() throws IOException {
        Files.writeString(INIT_FILE, "written during init " + UUID.randomUUID());
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        try {
            Map<String, Object> result = new HashMap<>();
            result.put("initFile", Files.exists(INIT_FILE) ? Files.readString(INIT_FILE) : null);
            result.put("copyFile", Files.exists(COPY_FILE) ? Files.readString(COPY_FILE) : null);
            result.put("environmentId", EnvironmentId.VALUE);
            Object value = event == null ? null : event.get("write");
            if (value != null) {
                Files.writeString(COPY_FILE, value.toString());
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
