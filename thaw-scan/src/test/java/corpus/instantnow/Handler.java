package corpus.instantnow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Instant;

/** Positive: Instant.now() in a static field. */
public class Handler implements RequestHandler<String, String> {

    private static final Instant BOOT = Instant.now(); // SNAP_START expected: <clinit>

    @Override
    public String handleRequest(String input, Context context) {
        return input + BOOT;
    }
}
