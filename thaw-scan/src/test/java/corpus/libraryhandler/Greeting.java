package corpus.libraryhandler;

import java.util.UUID;
import java.util.function.Function;

/**
 * Named through the library invoker as handler. Positive: the function the invoker builds at init keeps an id.
 * Negative: a holder first touched by the function's per-request code.
 */
public class Greeting implements Function<String, String> {

    private final String instance = UUID.randomUUID().toString(); // SNAP_START expected: <init>

    @Override
    public String apply(String name) {
        return "Hello " + name + " from " + instance + Nonce.VALUE;
    }
}
