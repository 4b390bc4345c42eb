package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/** A function whose CRaC {@code afterRestore} hook throws, so none of its restored copies can serve. */
public class AfterRestoreFails implements RequestHandler<Map<String, Object>, String> {

    private static final String MESSAGE = "example afterRestore failure: connection pool cannot reconnect";

    // Held in a field: the CRaC context keeps only weak references to registered resources.
    private final Resource resource = new Resource() {
        @Override
        public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        }

        @Override
        public void afterRestore(org.crac.Context<? extends Resource> context) {
            throw new IllegalStateException(MESSAGE);
        }
    };

    public AfterRestoreFails() {
        Core.getGlobalContext().register(resource);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "ok";
    }
}
