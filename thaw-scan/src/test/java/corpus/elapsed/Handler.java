package corpus.elapsed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Duration;
import java.time.Instant;

/** Negative: an elapsed time (the difference of two clock readings) is the same kind of number in every copy. */
public class Handler implements RequestHandler<String, String> {

    private final long initMillis;
    private final Duration initDuration;

    public Handler() {
        long start = System.currentTimeMillis();
        Instant begin = Instant.now();
        initMillis = System.currentTimeMillis() - start;
        initDuration = Duration.between(begin, Instant.now());
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + initMillis + initDuration;
    }
}
