package corpus.lazyfield;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.crac.Resource;

import java.util.Random;
import java.util.UUID;

/** Negative: values made only in afterRestore or per request, and a generator init builds and drops. */
public class Handler implements RequestHandler<String, String>, Resource {

    private Random random;
    private String requestId;
    private final int warmups;

    public Handler() {
        org.crac.Core.getGlobalContext().register(this);
        warmups = new Random().hashCode() > 0 ? 3 : 4;
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
        requestId = UUID.randomUUID().toString();
        return input + random.nextInt() + requestId + warmups;
    }
}
