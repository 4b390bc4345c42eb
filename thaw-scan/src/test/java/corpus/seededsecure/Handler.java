package corpus.seededsecure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.security.SecureRandom;

/** Positive: a SecureRandom given a fixed seed: every copy draws the same bytes. */
public class Handler implements RequestHandler<String, String> {

    private static final SecureRandom RNG = new SecureRandom(new byte[] {1, 2, 3}); // SNAP_START expected: <clinit>

    @Override
    public String handleRequest(String input, Context context) {
        return input + RNG.nextInt();
    }
}
