package corpus.clockstored;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Clock;
import java.time.ZoneOffset;

/** Negative: a clock object reads the time when asked, so keeping one is fine. */
public class Handler implements RequestHandler<String, String> {

    private static final Clock CLOCK = Clock.systemUTC();
    private final ZoneOffset zone = ZoneOffset.UTC;

    @Override
    public String handleRequest(String input, Context context) {
        return input + CLOCK.instant() + zone;
    }
}
