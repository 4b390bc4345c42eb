package corpus.fieldsupplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;
import java.util.function.Supplier;

/** Positive: a lambda kept in a field and evaluated by the constructor. Negative: one evaluated per request only. */
public class Handler implements RequestHandler<String, String> {

    private final Supplier<String> ids = () -> UUID.randomUUID().toString();
    private final Supplier<Long> clock = () -> System.nanoTime();
    private final String instanceId;

    public Handler() {
        instanceId = ids.get(); // SNAP_START expected: <init>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + instanceId + clock.get();
    }
}
