package corpus.dependencyparam;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Positive: built by dependency injection with a Metrics. Negative: a Session field the handler fills lazily. */
public class Handler implements RequestHandler<String, String> {

    private final Metrics metrics;
    private Session session;

    public Handler(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public String handleRequest(String input, Context context) {
        if (session == null) {
            session = new Session();
        }
        return input + metrics.uptime() + session.id();
    }
}
