package corpus.ctorrandom;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Random;

/** Positive: a seeded generator created in the constructor. */
public class Handler implements RequestHandler<String, String> {

    private final Random random;

    public Handler() {
        random = new Random(42); // SNAP_START expected: <init>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + random.nextInt();
    }
}
