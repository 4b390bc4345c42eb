package example;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;

/** Handlers that implement no interface, named as {@code example.PlainHandlers::method}. */
public class PlainHandlers {

    public static String shout(String input) {
        return input.toUpperCase() + "!";
    }

    public static String shoutTo(String input, Context context) {
        return shout(input) + " (" + context.getFunctionName() + ")";
    }

    public int count(Map<String, Object> event) {
        return event.size();
    }

    public String greet(Map<String, Object> event, Context context) {
        return "Hi " + event.get("name") + " from " + context.getFunctionName();
    }
}
