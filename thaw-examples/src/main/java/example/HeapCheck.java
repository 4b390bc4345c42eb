package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Fills {@code HEAP_MB} (environment, default 64) of heap with a known sequence at init; each invocation sleeps for
 * the event's {@code "millis"}, then reads the whole heap back and answers, and leaves in {@code /tmp/heap-check},
 * whether every value is still the one init wrote ("intact") or not ("corrupt"): a snapshot's memory, checked page
 * by page after a restore.
 */
public class HeapCheck implements RequestHandler<Map<String, Object>, String> {

    private static final long[] HEAP = fill(Integer.parseInt(System.getenv().getOrDefault("HEAP_MB", "64")));

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        System.out.println("heap-check " + context.getAwsRequestId() + " sleeping");
        try {
            Thread.sleep(((Number) event.getOrDefault("millis", 0)).longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String verdict = Arrays.equals(HEAP, fill(HEAP.length >> 17)) ? "intact" : "corrupt";
        try {
            Files.writeString(Path.of("/tmp/heap-check"), verdict);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return verdict;
    }

    private static long[] fill(int megabytes) {
        long[] heap = new long[megabytes << 17];
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < heap.length; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            heap[i] = x;
        }
        return heap;
    }
}
