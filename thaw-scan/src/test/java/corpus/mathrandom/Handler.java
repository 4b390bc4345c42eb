package corpus.mathrandom;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Positive: Math.random() through String.valueOf into an instance field. */
public class Handler implements RequestHandler<String, String> {

    private final String token;

    public Handler() {
        double draw = Math.random(); // SNAP_START expected: <init>
        token = String.valueOf(draw);
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + token;
    }
}
