package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Writes the event's {@code "marker"} through each of the three ways a Java function logs. */
public class Logging implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object marker = event.get("marker");
        System.out.println("stdout " + marker);
        System.err.println("stderr " + marker);
        context.getLogger().log("logger " + marker);
        return "logged " + marker;
    }
}
