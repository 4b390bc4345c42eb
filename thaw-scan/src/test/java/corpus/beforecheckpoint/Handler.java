package corpus.beforecheckpoint;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import org.crac.Core;
import org.crac.Resource;
import java.util.UUID;

/** Positive: beforeCheckpoint runs before the snapshot, so what it stores is shared too. */
public class Handler implements RequestHandler<String, String>, Resource {

    private String checkpointId;

    public Handler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        checkpointId = UUID.randomUUID().toString(); // SNAP_START expected: beforeCheckpoint(Context)
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + checkpointId;
    }
}
