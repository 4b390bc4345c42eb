package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Greets, and writes to every log a function can reach. */
public class Greeter implements RequestHandler<Map<String, Object>, String> {

    private final long createdAt = System.nanoTime();

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        System.out.println("stdout line for " + context.getAwsRequestId());
        System.err.println("stderr line");
        context.getLogger().log("context logger");
        LambdaRuntime.getLogger().log("static logger");
        System.out.print("unterminated");
        return "Hello " + event.get("name") + " from " + context.getFunctionName() + " " + context.getFunctionVersion()
                + " instance " + createdAt;
    }
}
