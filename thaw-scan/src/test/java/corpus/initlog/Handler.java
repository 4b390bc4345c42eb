package corpus.initlog;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.HashMap;
import java.util.Map;

/** Negative: a timestamp used only to log how long init took never reaches a field. */
public class Handler implements RequestHandler<String, String> {

    private final Map<String, String> config = new HashMap<>();

    public Handler() {
        long start = System.nanoTime();
        config.put("region", "us-east-1");
        System.out.println("init took " + (System.nanoTime() - start) / 1_000_000 + " ms at "
                + System.currentTimeMillis());
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + config;
    }
}
