package corpus.staticlist;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Positive: a UUID added to a list held in a static field. */
public class Handler implements RequestHandler<String, String> {

    static final List<String> IDS = new ArrayList<>();

    static {
        IDS.add(UUID.randomUUID().toString()); // SNAP_START expected: <clinit>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + IDS;
    }
}
