package corpus.afterrestore;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import org.crac.Core;
import org.crac.Resource;
import java.util.UUID;

/** Negative: the afterRestore hook runs in every restored copy, so what it stores is unique per copy. */
public class Handler implements RequestHandler<String, String>, Resource {

    private String id;

    public Handler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        id = UUID.randomUUID().toString();
        refresh();
    }

    private void refresh() {
        id = id + System.currentTimeMillis();
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + id;
    }
}
