package corpus.splittable;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.SplittableRandom;

/** Positive: a SplittableRandom in a static field. */
public class Handler implements RequestHandler<String, String> {

    private static final SplittableRandom SPLIT = new SplittableRandom(); // SNAP_START expected: <clinit>

    @Override
    public String handleRequest(String input, Context context) {
        return input + SPLIT.nextInt();
    }
}
