package corpus.storedsupplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;
import java.util.function.Supplier;

/** Negative: a lambda kept in a field runs per invocation; creating it during init draws nothing. */
public class Handler implements RequestHandler<String, String> {

    private static final Supplier<String> IDS = () -> UUID.randomUUID().toString();

    @Override
    public String handleRequest(String input, Context context) {
        return input + IDS.get();
    }
}
