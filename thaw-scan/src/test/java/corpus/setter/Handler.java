package corpus.setter;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;

/** Positive: a UUID passed to a method of another class that keeps it in a field. */
public class Handler implements RequestHandler<String, String> {

    private final Registry registry = new Registry();

    public Handler() {
        registry.register(UUID.randomUUID()); // SNAP_START expected: <init>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + registry.size();
    }
}
