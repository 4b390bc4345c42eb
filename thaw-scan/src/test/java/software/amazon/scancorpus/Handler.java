package software.amazon.scancorpus;

import com.amazonaws.scancorpus.Settings;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.springframework.scancorpus.Tokens;
import software.amazon.scancorpus.shaded.org.slf4j.Marker;

/**
 * A function whose own classes live in packages that look like AWS's and Spring's: they are analysed all the
 * same. Its relocated copy of a library (under {@code shaded/}) is not reported.
 */
public class Handler implements RequestHandler<String, String> {

    static final String INSTANCE = java.util.UUID.randomUUID().toString(); // SNAP_START expected: <clinit>

    private final String region = Settings.region();
    private final long token = Tokens.TOKEN;
    private final String marker = Marker.NAME;

    @Override
    public String handleRequest(String input, Context context) {
        return input + INSTANCE + region + token + marker;
    }
}
