package corpus.uuidhelper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/**
 * Positive: the constructor stores what a helper of another class returns; reported where init calls the helper
 * (the helper itself is fine per invocation).
 */
public class Handler implements RequestHandler<String, String> {

    private final String id;

    public Handler() {
        id = Ids.newId(); // SNAP_START expected: <init>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + id + Ids.newId();
    }
}
