package corpus.injectedrandom;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Positive and negative side by side: a framework builds the handler with generators of its own. The plain one is
 * in the snapshot; an injected SecureRandom reseeds itself and a generator made per request is fresh.
 */
public class Handler implements RequestHandler<String, String> {

    private final Random jitter;
    private final SecureRandom tokens;

    public Handler(Random jitter, SecureRandom tokens) {
        this.jitter = jitter; // SNAP_START expected: <init>(Random, SecureRandom)
        this.tokens = tokens;
    }

    @Override
    public String handleRequest(String input, Context context) {
        Random perRequest = new Random();
        return input + jitter.nextInt() + tokens.nextInt() + perRequest.nextInt();
    }
}
