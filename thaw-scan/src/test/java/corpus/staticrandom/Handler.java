package corpus.staticrandom;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Random;

/** Positive: a generator in a static field; its seed is fixed at init, so every copy draws the same numbers. */
public class Handler implements RequestHandler<String, String> {

    private static final Random RANDOM = new Random(); // SNAP_START expected: <clinit>

    @Override
    public String handleRequest(String input, Context context) {
        return input + RANDOM.nextInt();
    }
}
