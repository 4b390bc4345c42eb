package example.spring;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * {@link SpringHandler} with the priming AWS advises for SnapStart: before the checkpoint it runs its request path
 * once (a greeting whose visit is rolled back), so that restored copies answer their first request with code that
 * is already loaded and linked instead of doing that work on the clock.
 */
public class PrimedSpringHandler extends SpringHandler implements Resource {

    public PrimedSpringHandler() {
        // The global context holds resources weakly: the handler instance lives as long as the runtime does.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        greetings().prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: the application's state is the same in every copy.
    }
}
