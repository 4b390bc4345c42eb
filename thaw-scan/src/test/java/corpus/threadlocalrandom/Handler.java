package corpus.threadlocalrandom;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.concurrent.ThreadLocalRandom;

/** Positive: a value drawn from ThreadLocalRandom during init. */
public class Handler implements RequestHandler<String, String> {

    static final int SHARD = ThreadLocalRandom.current().nextInt(16); // SNAP_START expected: <clinit>

    @Override
    public String handleRequest(String input, Context context) {
        return input + SHARD + ThreadLocalRandom.current().nextInt();
    }
}
