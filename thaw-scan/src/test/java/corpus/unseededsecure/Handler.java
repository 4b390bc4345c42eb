package corpus.unseededsecure;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Negative: SecureRandoms without an explicit seed reseed themselves, so storing them is fine. */
public class Handler implements RequestHandler<String, String> {

    private static final SecureRandom RNG = new SecureRandom();
    private static final SecureRandom STRONG;

    static {
        try {
            STRONG = SecureRandom.getInstanceStrong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final SecureRandom sha;

    public Handler() throws NoSuchAlgorithmException {
        sha = SecureRandom.getInstance("SHA1PRNG");
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + RNG.nextInt() + STRONG.nextInt() + sha.nextInt();
    }
}
