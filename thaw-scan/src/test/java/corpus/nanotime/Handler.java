package corpus.nanotime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Positive: a nanoTime reading stored by a static initialiser. */
public class Handler implements RequestHandler<String, String> {

    static final long STARTED;

    static {
        STARTED = System.nanoTime(); // SNAP_START expected: <clinit>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + (System.nanoTime() - STARTED);
    }
}
