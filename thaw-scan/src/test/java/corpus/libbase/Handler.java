package corpus.libbase;

import com.amazonaws.services.lambda.runtime.Context;
import corpus.libbase.lib.BaseHandler;
import java.util.Random;

/** Positive, in a Lambda zip: a handler found through a library base class; only its own code is reported. */
public class Handler extends BaseHandler {

    private final int seed = new Random().nextInt(); // SNAP_START expected: <init>

    @Override
    public String handleRequest(String input, Context context) {
        return input + seed + LIBRARY_ID;
    }
}
