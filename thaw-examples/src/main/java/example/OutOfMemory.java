package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Allocates 1 MiB blocks until the heap is exhausted. Stops at the event's {@code "capMb"} (default 4096) so
 * that a platform which does not bound the heap by MemorySize reports that instead of eating the host's
 * memory.
 */
public class OutOfMemory implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        int capMb = ((Number) event.getOrDefault("capMb", 4096)).intValue();
        List<byte[]> blocks = new ArrayList<>();
        while (blocks.size() < capMb) {
            blocks.add(new byte[1024 * 1024]);
        }
        return "allocated " + blocks.size() + " MiB without running out of memory";
    }
}
