package dev.thaw.runtime;

import java.nio.file.Path;
import java.util.Map;

/**
 * The function's settings as the worker hands them to the runtime: environment variables, read once at start.
 *
 * @param taskRoot        the unpacked deployment package
 * @param handler         the {@code _HANDLER} value, or null when unset
 * @param functionName    {@code AWS_LAMBDA_FUNCTION_NAME}
 * @param functionVersion {@code AWS_LAMBDA_FUNCTION_VERSION}
 * @param memoryLimitInMb {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}
 * @param logGroupName    {@code AWS_LAMBDA_LOG_GROUP_NAME}
 * @param logStreamName   {@code AWS_LAMBDA_LOG_STREAM_NAME}
 */
public record FunctionEnvironment(Path taskRoot, String handler, String functionName, String functionVersion,
                                  int memoryLimitInMb, String logGroupName, String logStreamName) {

    /** Lambda's default memory size, used when the variable is missing or malformed. */
    static final int DEFAULT_MEMORY_MB = 128;

    public static FunctionEnvironment of(Map<String, String> env) {
        String taskRoot = env.get("LAMBDA_TASK_ROOT");
        return new FunctionEnvironment(
                Path.of(taskRoot == null ? System.getProperty("user.dir") : taskRoot),
                env.get("_HANDLER"),
                env.get("AWS_LAMBDA_FUNCTION_NAME"),
                env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                memory(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
                env.get("AWS_LAMBDA_LOG_GROUP_NAME"),
                env.get("AWS_LAMBDA_LOG_STREAM_NAME"));
    }

    private static int memory(String value) {
        try {
            return value == null ? DEFAULT_MEMORY_MB : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_MEMORY_MB;
        }
    }
}
