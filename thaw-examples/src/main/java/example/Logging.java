package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Writes the event's {@code "marker"} through each of the three ways a Java function logs, then sleeps for its
 * {@code "millis"}, if any, as a function that logs and then works does.
 */
public class Logging implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object marker = event.get("marker");
        System.out.println("stdout " + marker);
        System.err.println("stderr " + marker);
        context.getLogger().log("logger " + marker);
        try {
            Thread.sleep(((Number) event.getOrDefault("millis", 0)).longValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "logged " + marker;
    }
}
