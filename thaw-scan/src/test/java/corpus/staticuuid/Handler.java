package corpus.staticuuid;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;

/** Positive: a UUID in a static field. */
public class Handler implements RequestHandler<String, String> {

    static final UUID ID = UUID.randomUUID(); // SNAP_START expected: <clinit>

    @Override
    public String handleRequest(String input, Context context) {
        return input + ID;
    }
}
