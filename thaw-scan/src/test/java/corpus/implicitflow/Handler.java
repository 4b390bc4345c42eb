package corpus.implicitflow;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Known miss: the value is chosen by a branch on a random draw, a flow through control the analysis ignores. */
public class Handler implements RequestHandler<String, String> {

    private final String mode;

    public Handler() {
        mode = Math.random() < 0.5 ? "blue" : "green"; // SNAP_START known-miss: <init>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + mode;
    }
}
