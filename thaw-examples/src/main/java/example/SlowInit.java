package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * {@link Hello} with an init phase that takes 1.5 s, standing in for a function that loads configuration or
 * warms a cache before it can serve: the kind of function that SnapStart makes start fast.
 */
public class SlowInit implements RequestHandler<Map<String, Object>, String> {

    static final long INIT_MILLIS = 1500;

    private final Hello hello = new Hello();

    public SlowInit() throws InterruptedException {
        Thread.sleep(INIT_MILLIS);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return hello.handleRequest(event, context);
    }
}
