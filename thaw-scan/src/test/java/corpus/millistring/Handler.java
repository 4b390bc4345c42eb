package corpus.millistring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Positive: a field initialiser stores currentTimeMillis through Long.toString. */
public class Handler implements RequestHandler<String, String> {

    private final String stamp = Long.toString(System.currentTimeMillis()); // SNAP_START expected: <init>

    @Override
    public String handleRequest(String input, Context context) {
        return input + stamp;
    }
}
