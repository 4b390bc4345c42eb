package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Core;
import org.crac.Resource;

/**
 * A SnapStart function with CRaC hooks, as in Lambda's SnapStart examples: its constructor registers two
 * resources, A then B, that record every notification they get. Each invocation answers with those records and
 * with values that show what restored copies share: a {@link Random} number and a UUID drawn during init, the
 * UUID drawn by A's {@code afterRestore}, a {@link SecureRandom} number drawn now, and the environment id.
 */
public class CracHooks implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();
    private static final SecureRandom SECURE_RANDOM = new SecureRandom();

    private static volatile String restoreValue;

    private final long initRandom = new Random().nextLong();
    private final String initUuid = UUID.randomUUID().toString();
    // Held in fields: the CRaC context keeps only weak references to registered resources.
    private final Resource first = new Recorder("A", true);
    private final Resource second = new Recorder("B", false);

    public CracHooks() {
        Core.getGlobalContext().register(first);
        Core.getGlobalContext().register(second);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> result = new TreeMap<>();
        result.put("calls", List.copyOf(CALLS));
        result.put("initRandom", initRandom);
        result.put("initUuid", initUuid);
        result.put("restoreValue", restoreValue);
        result.put("secureRandom", SECURE_RANDOM.nextLong());
        result.put("environmentId", EnvironmentId.VALUE);
        result.put("initializationType", System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        return result;
    }

    private static final class Recorder implements Resource {

        private final String name;
        private final boolean drawsOnRestore;

        Recorder(String name, boolean drawsOnRestore) {
            this.name = name;
            this.drawsOnRestore = drawsOnRestore;
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            CALLS.add("beforeCheckpoint " + name);
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            CALLS.add("afterRestore " + name);
            if (drawsOnRestore) {
                restoreValue = UUID.randomUUID().toString();
            }
        }
    }
}
