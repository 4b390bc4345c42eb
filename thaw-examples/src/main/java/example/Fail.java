package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Throws an {@link ExampleFailureException} carrying the event's {@code "message"}. */
public class Fail implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        throw new ExampleFailureException(String.valueOf(event.get("message")));
    }
}
