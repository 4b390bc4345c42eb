package corpus.refreshed;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import org.crac.Core;
import org.crac.Resource;
import java.util.Random;

/** Negative: init stores a generator, but the afterRestore hook replaces it in every copy. */
public class Handler implements RequestHandler<String, String>, Resource {

    private Random random = new Random();

    public Handler() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        random = new Random();
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input + random.nextInt();
    }
}
