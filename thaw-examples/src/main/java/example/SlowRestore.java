package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * A function whose CRaC {@code afterRestore} hook takes {@code SLOW_RESTORE_SECONDS} (default 5) seconds, e.g.
 * re-establishing connections to a slow backend: a restore limit shorter than that fails its cold starts.
 */
public class SlowRestore implements RequestHandler<Map<String, Object>, String> {

    // Held in a field: the CRaC context keeps only weak references to registered resources.
    private final Resource resource = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) throws InterruptedException {
            Thread.sleep(Long.parseLong(System.getenv().getOrDefault("SLOW_RESTORE_SECONDS", "5")) * 1000);
        }
    };

    public SlowRestore() {
        Core.getGlobalContext().register(resource);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
