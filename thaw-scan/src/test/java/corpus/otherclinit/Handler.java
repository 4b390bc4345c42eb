package corpus.otherclinit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Positive: the constructor touches Config, so Config's static initialiser runs during init. */
public class Handler implements RequestHandler<String, String> {

    private final String region;

    public Handler() {
        region = Config.region();
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + region + Config.NONCE;
    }
}
