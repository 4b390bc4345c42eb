package corpus.lambdalocal;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;
import java.util.function.Supplier;

/** Known false alarm: a lambda kept in a field by way of a local is taken as run during init. */
public class Handler implements RequestHandler<String, String> {

    private final Supplier<String> ids;

    public Handler() {
        Supplier<String> fresh = () -> UUID.randomUUID().toString(); // SNAP_START known-false-alarm: lambda$new$0()
        ids = fresh;
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + ids.get();
    }
}
