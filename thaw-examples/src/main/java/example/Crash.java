package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Kills its own JVM in the middle of an invocation, as a native crash or System.exit would, when the event
 * carries an {@code "exitStatus"}; otherwise answers normally, to show that the function recovers.
 */
public class Crash implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object status = event.get("exitStatus");
        if (status != null) {
            System.out.println("halting the JVM with status " + status);
            System.out.flush();
            Runtime.getRuntime().halt(((Number) status).intValue());
        }
        return "still alive";
    }
}
