package corpus.clockinstant;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

/** Positive: a clock reading and a LocalDateTime built into a string, both stored. */
public class Handler implements RequestHandler<String, String> {

    static final Instant STARTED_AT = Clock.systemUTC().instant(); // SNAP_START expected: <clinit>

    private final String banner;

    public Handler() {
        StringBuilder text = new StringBuilder("started ");
        text.append(LocalDateTime.now()); // SNAP_START expected: <init>
        banner = text.toString();
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + banner + STARTED_AT;
    }
}
