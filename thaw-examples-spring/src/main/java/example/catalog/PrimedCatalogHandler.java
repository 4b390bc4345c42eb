package example.catalog;

import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@link CatalogHandler} with the priming AWS advises for SnapStart: before the checkpoint it serves a few requests
 * of each kind the service answers, so that restored copies answer their first request with the request path's
 * code already loaded and linked.
 */
public class PrimedCatalogHandler extends CatalogHandler implements Resource {

    private static final List<Map<String, Object>> PRIMING_REQUESTS = List.of(
            get("/products/1", Map.of()),
            get("/products", Map.of("category", "kitchen", "limit", "5")),
            get("/products/0", Map.of()));
    private static final int PRIMING_ROUNDS = 3;

    public PrimedCatalogHandler() {
        // The global context holds resources weakly: the handler instance lives as long as the runtime does.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            for (Map<String, Object> request : PRIMING_REQUESTS) {
                handleRequest(request, null);
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the catalog is the same in every copy.
    }
}
