package corpus.setseed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.security.SecureRandom;

/** Positive: setSeed on a stored SecureRandom makes its stream the same in every copy. */
public class Handler implements RequestHandler<String, String> {

    private final SecureRandom rng = new SecureRandom();

    public Handler() {
        rng.setSeed(42L); // SNAP_START expected: <init>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + rng.nextInt();
    }
}
