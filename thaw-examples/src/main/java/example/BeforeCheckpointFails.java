package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/** A function whose CRaC {@code beforeCheckpoint} hook throws, so no snapshot of it can be taken. */
public class BeforeCheckpointFails implements RequestHandler<Map<String, Object>, String> {

    private static final String MESSAGE = "example beforeCheckpoint failure: connection pool refused to close";

    // Held in a field: the CRaC context keeps only weak references to registered resources.
    private final Resource resource = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
            throw new IllegalStateException(MESSAGE);
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
        }
    };

    public BeforeCheckpointFails() {
        Core.getGlobalContext().register(resource);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
