package corpus.nextbytes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.security.SecureRandom;

/** Positive: a key drawn during init is the same in every copy, even from an unseeded SecureRandom. */
public class Handler implements RequestHandler<String, String> {

    private static final byte[] KEY = new byte[16];

    static {
        new SecureRandom().nextBytes(KEY); // SNAP_START expected: <clinit>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + KEY.length;
    }
}
