package dev.thaw.controlplane;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks function settings the way Lambda does: model constraints (length, range, pattern) fail with
 * ValidationException, service rules (timeout ceiling, reserved variables, unsupported features) with
 * InvalidParameterValueException.
 */
public final class ConfigValidator {

    static final int DEFAULT_TIMEOUT = 3;
    static final int DEFAULT_MEMORY = 128;
    static final int MAX_TIMEOUT = 900;
    private static final int MIN_MEMORY = 128;
    private static final int MAX_MEMORY = 10_240;
    private static final int MAX_EPHEMERAL_STORAGE = 10_240;
    private static final int MAX_DESCRIPTION = 256;
    private static final int MAX_HANDLER = 128;
    private static final int MAX_ENVIRONMENT_BYTES = 4096;
    private static final Pattern ROLE = Pattern.compile("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
    private static final Pattern HANDLER = Pattern.compile("[^\\s]+");
    private static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z]([a-zA-Z0-9_])+");
    private static final Set<String> RESERVED_VARIABLES = Set.of("_HANDLER", "_X_AMZN_TRACE_ID",
            "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT",
            "LAMBDA_RUNTIME_DIR");

    private ConfigValidator() {
    }

    static String role(String role) {
        if (role == null) {
            throw LambdaException.constraint("role", null, "Member must not be null");
        }
        if (!ROLE.matcher(role).matches()) {
            throw LambdaException.constraint("role", role, "Member must satisfy regular expression pattern: "
                    + ROLE.pattern());
        }
        return role;
    }

    static String handler(String handler) {
        if (handler.length() > MAX_HANDLER) {
            throw LambdaException.constraint("handler", handler, "Member must have length less than or equal to "
                    + MAX_HANDLER);
        }
        if (!HANDLER.matcher(handler).matches()) {
            throw LambdaException.constraint("handler", handler, "Member must satisfy regular expression pattern: "
                    + HANDLER.pattern());
        }
        return handler;
    }

    static int timeout(int timeout) {
        if (timeout < 1) {
            throw LambdaException.constraint("timeout", timeout, "Member must have value greater than or equal to 1");
        }
        if (timeout > MAX_TIMEOUT) {
            throw LambdaException.invalidParameter("Timeout value " + timeout + " is out of range. Acceptable "
                    + "values are between 1 and " + MAX_TIMEOUT + " seconds.");
        }
        return timeout;
    }

    static int memorySize(int memorySize) {
        if (memorySize < MIN_MEMORY || memorySize > MAX_MEMORY) {
            throw LambdaException.constraint("memorySize", memorySize, "Member must have value "
                    + (memorySize < MIN_MEMORY
                    ? "greater than or equal to " + MIN_MEMORY : "less than or equal to " + MAX_MEMORY));
        }
        return memorySize;
    }

    static int ephemeralStorage(Requests.EphemeralStorage storage) {
        if (storage.size() == null) {
            throw LambdaException.constraint("ephemeralStorage.size", null, "Member must not be null");
        }
        int size = storage.size();
        if (size < FunctionConfig.DEFAULT_EPHEMERAL_STORAGE || size > MAX_EPHEMERAL_STORAGE) {
            throw LambdaException.constraint("ephemeralStorage.size", size, "Member must have value "
                    + (size < FunctionConfig.DEFAULT_EPHEMERAL_STORAGE
                    ? "greater than or equal to " + FunctionConfig.DEFAULT_EPHEMERAL_STORAGE
                    : "less than or equal to " + MAX_EPHEMERAL_STORAGE));
        }
        return size;
    }

    public static String description(String description) {
        if (description.length() > MAX_DESCRIPTION) {
            throw LambdaException.constraint("description", description, "Member must have length less than or equal "
                    + "to " + MAX_DESCRIPTION);
        }
        return description;
    }

    static Map<String, String> environment(Map<String, String> variables) {
        for (String name : variables.keySet()) {
            if (!VARIABLE_NAME.matcher(name).matches()) {
                throw LambdaException.validation("Value at 'environment.variables' failed to satisfy constraint: "
                        + "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                        + VARIABLE_NAME.pattern() + "]");
            }
        }
        Set<String> reserved = new TreeSet<>(variables.keySet());
        reserved.retainAll(RESERVED_VARIABLES);
        if (!reserved.isEmpty()) {
            throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables "
                    + "because the environment variables you have provided contains reserved keys that are currently "
                    + "not supported for modification. Reserved keys used in this request: "
                    + String.join(", ", reserved));
        }
        int size = variables.entrySet().stream()
                .mapToInt(e -> (e.getKey() + e.getValue()).getBytes(StandardCharsets.UTF_8).length).sum();
        if (size > MAX_ENVIRONMENT_BYTES) {
            throw LambdaException.invalidParameter("Lambda was unable to configure your environment variables "
                    + "because the environment variables you have provided exceeded the 4KB limit.");
        }
        return variables;
    }

    static String snapStartApplyOn(String applyOn) {
        if (!"PublishedVersions".equals(applyOn) && !"None".equals(applyOn)) {
            throw LambdaException.constraint("snapStart.applyOn", applyOn, "Member must satisfy enum value set: "
                    + "[PublishedVersions, None]");
        }
        return applyOn;
    }

    /** Thaw runs x86_64 zip packages that it receives directly. */
    static void packageKind(String packageType, List<String> architectures) {
        if (packageType != null && !"Zip".equals(packageType)) {
            throw LambdaException.invalidParameter("PackageType " + LambdaException.echo(packageType)
                    + " is not supported: upload a Zip deployment package.");
        }
        if (architectures != null && !architectures.equals(List.of("x86_64"))) {
            throw LambdaException.invalidParameter("Architectures " + LambdaException.echo(architectures)
                    + " are not supported: this server runs x86_64 functions.");
        }
    }

    public static byte[] zipFile(byte[] zipFile, String s3Bucket, String imageUri) {
        if (s3Bucket != null || imageUri != null) {
            throw LambdaException.invalidParameter("Code from S3 or a container image is not supported: upload "
                    + "the deployment package as ZipFile.");
        }
        if (zipFile == null) {
            throw LambdaException.invalidParameter("Please provide a source for function code.");
        }
        return zipFile;
    }
}
