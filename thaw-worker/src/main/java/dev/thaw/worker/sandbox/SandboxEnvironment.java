package dev.thaw.worker.sandbox;

import dev.thaw.worker.AwsCredentials;
import dev.thaw.worker.FunctionSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables of a sandboxed JVM: a clean base, the user's variables, then Lambda's reserved ones,
 * which the user cannot override (as in Lambda, where PATH, LANG and TZ may be overridden but reserved keys not).
 */
public final class SandboxEnvironment {

    /** The variable naming the environment's log stream; a restored copy gets its own. */
    public static final String LOG_STREAM = "AWS_LAMBDA_LOG_STREAM_NAME";
    /** The variable that carries an environment's credentials token; a restored copy gets a new value. */
    public static final String CONTAINER_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

    private SandboxEnvironment() {
    }

    /**
     * @param initializationType AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand", or "snap-start" for an environment
     *                           that will be checkpointed
     * @param logStreamName      AWS_LAMBDA_LOG_STREAM_NAME: the stream its log is written to
     * @param credentialsToken   with credentials, the environment's token for its {@link CredentialsEndpoint}:
     *                           an environment that will be checkpointed gets its credentials from there, since
     *                           keys in its variables would live on in the snapshot; empty gives them as the
     *                           access key variables, as Lambda does on demand
     */
    public static Map<String, String> of(FunctionSpec spec, String initializationType, String logStreamName,
                                         Optional<String> credentialsToken) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        // The working directory; set here so that the shells in front of the JVM do not invent it.
        env.put("PWD", SandboxLauncher.TASK_ROOT.toString());
        if (spec.environment() != null) {
            env.putAll(spec.environment());
        }
        env.put("LAMBDA_TASK_ROOT", SandboxLauncher.TASK_ROOT.toString());
        env.put("LAMBDA_RUNTIME_DIR", SandboxLauncher.RUNTIME_DIR.toString());
        env.put("_HANDLER", spec.handler());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", spec.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        env.put("AWS_REGION", spec.region());
        env.put("AWS_DEFAULT_REGION", spec.region());
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        env.put(LOG_STREAM, logStreamName);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + javaFeatureVersion(spec.javaHome()));
        AwsCredentials credentials = spec.credentials();
        if (credentials != null && credentialsToken.isPresent()) {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", CredentialsEndpoint.URI);
            env.put(CONTAINER_TOKEN, credentialsToken.get());
        } else if (credentials != null) {
            env.put("AWS_ACCESS_KEY_ID", credentials.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", credentials.secretAccessKey());
            if (credentials.sessionToken() != null) {
                env.put("AWS_SESSION_TOKEN", credentials.sessionToken());
            }
        }
        return env;
    }

    /** The JDK's feature release ("21") from its {@code release} file, or empty when it cannot be told. */
    static String javaFeatureVersion(Path javaHome) {
        try {
            List<String> lines = Files.readAllLines(javaHome.resolve("release"));
            for (String line : lines) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    String feature = version.split("[.+-]")[0];
                    // Java 8 and older report "1.8.0".
                    return feature.equals("1") ? version.split("\\.")[1] : feature;
                }
            }
        } catch (IOException e) {
            // An unreadable release file only costs the version suffix.
        }
        return "";
    }
}
