package dev.thaw.runtime.snapstart;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Takes over the environment variables a restored copy has anew (its log stream's name, its credentials token): the
 * token also into the system property the AWS SDK for Java v2
 * reads before {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, and into the process's view of its variables
 * ({@code System.getenv()}), which the JVM read once at start from the snapshot's and cannot be told to read again.
 */
final class RestoredEnvironment {

    static final String CONTAINER_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    static final String SDK_TOKEN_PROPERTY = "aws.containerAuthorizationToken";

    private RestoredEnvironment() {
    }

    /**
     * @throws ReflectiveOperationException when the view cannot be changed (java.util is not open to the runtime);
     *                                      the system property is set even then
     */
    static void apply(Map<String, String> variables) throws ReflectiveOperationException {
        if (variables.isEmpty()) {
            return;
        }
        String token = variables.get(CONTAINER_TOKEN);
        if (token != null) {
            System.setProperty(SDK_TOKEN_PROPERTY, token);
        }
        // System.getenv() is an unmodifiable wrapper around the map every other getenv call reads.
        Map<String, String> view = System.getenv();
        Field wrapped = view.getClass().getDeclaredField("m");
        wrapped.setAccessible(true);
        @SuppressWarnings("unchecked")
        Map<String, String> variablesMap = (Map<String, String>) wrapped.get(view);
        variablesMap.putAll(variables);
    }
}
