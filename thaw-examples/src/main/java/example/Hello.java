package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** The demo function: {@code {"name":"Bob"}} becomes {@code "Hello, Bob!"}. */
public class Hello implements RequestHandler<Map<String, Object>, String> {

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        Object name = event == null ? null : event.get("name");
        return "Hello, " + (name == null ? "world" : name) + "!";
    }
}
