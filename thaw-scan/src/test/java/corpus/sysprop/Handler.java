package corpus.sysprop;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;

/** Known miss: a value kept outside fields (a system property, a file in /tmp) is shared all the same. */
public class Handler implements RequestHandler<String, String> {

    static {
        System.setProperty("instance.id", UUID.randomUUID().toString()); // SNAP_START known-miss: <clinit>
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + System.getProperty("instance.id");
    }
}
