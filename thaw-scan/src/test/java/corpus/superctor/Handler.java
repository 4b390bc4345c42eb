package corpus.superctor;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Positive: the superclass constructor stores a UUID. */
public class Handler extends Base implements RequestHandler<String, String> {

    @Override
    public String handleRequest(String input, Context context) {
        return input + instanceId;
    }
}
