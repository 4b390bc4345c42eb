package example;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports what the function sees: its Context (with the caller's client context custom values), the reserved
 * environment variables, the user variables named in the event's {@code "env"} list, the system properties
 * named in its {@code "properties"} list, its pid and its environment id.
 */
public class ContextEcho implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final List<String> RESERVED_VARIABLES = List.of(
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_REGION", "_HANDLER");

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> result = new TreeMap<>();
        result.put("requestId", context.getAwsRequestId());
        result.put("functionName", context.getFunctionName());
        result.put("functionVersion", context.getFunctionVersion());
        result.put("memoryLimitInMB", context.getMemoryLimitInMB());
        result.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        result.put("invokedFunctionArn", context.getInvokedFunctionArn());
        ClientContext clientContext = context.getClientContext();
        result.put("clientContextCustom", clientContext == null ? null : clientContext.getCustom());
        result.put("pid", ProcessHandle.current().pid());
        result.put("environmentId", EnvironmentId.VALUE);
        result.put("env", variables(event));
        result.put("properties", properties(event));
        return result;
    }

    private static Map<String, String> variables(Map<String, Object> event) {
        Map<String, String> env = new TreeMap<>();
        for (String name : RESERVED_VARIABLES) {
            env.put(name, System.getenv(name));
        }
        for (String name : requested(event, "env")) {
            env.put(name, System.getenv(name));
        }
        return env;
    }

    private static Map<String, String> properties(Map<String, Object> event) {
        Map<String, String> properties = new TreeMap<>();
        for (String name : requested(event, "properties")) {
            properties.put(name, System.getProperty(name));
        }
        return properties;
    }

    /** The names listed under {@code key} in the event, if any. */
    private static List<String> requested(Map<String, Object> event, String key) {
        Object names = event == null ? null : event.get(key);
        return names instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }
}
