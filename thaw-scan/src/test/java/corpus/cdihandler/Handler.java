package corpus.cdihandler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Positive: a CDI-managed handler (as Quarkus' adapter builds it) whose injected service keeps an instance id. */
@Named("greeting")
public class Handler implements RequestHandler<String, String> {

    @Inject
    Greetings greetings;

    @Override
    public String handleRequest(String input, Context context) {
        return greetings.greet(input);
    }
}
