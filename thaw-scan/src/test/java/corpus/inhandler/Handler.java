package corpus.inhandler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.Random;
import java.util.UUID;

/** Negative: the same calls in the handler method run per invocation, after restore. */
public class Handler implements RequestHandler<String, String> {

    private static long lastStart;
    private UUID lastId;
    private Random random;

    @Override
    public String handleRequest(String input, Context context) {
        lastStart = System.nanoTime();
        lastId = UUID.randomUUID();
        random = new Random();
        return input + lastId + random.nextInt() + lastStart;
    }
}
