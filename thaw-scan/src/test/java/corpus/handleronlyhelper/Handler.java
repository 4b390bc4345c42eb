package corpus.handleronlyhelper;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Negative: helpers (and a class) only the handler method uses run after restore. */
public class Handler implements RequestHandler<String, String> {

    @Override
    public String handleRequest(String input, Context context) {
        Sessions.remember(input);
        return input + Sessions.last() + LazyNonce.NONCE;
    }
}
