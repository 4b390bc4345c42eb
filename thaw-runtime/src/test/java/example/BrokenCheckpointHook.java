package example;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** A function whose beforeCheckpoint hook fails; the hook registered before it still runs. */
public class BrokenCheckpointHook {

    private final Resource healthy = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            System.out.println("healthy hook ran");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
        }
    };

    private final Resource broken = new Resource() {
        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            throw new IllegalStateException("cannot close the connection pool");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
        }
    };

    public BrokenCheckpointHook() {
        Core.getGlobalContext().register(healthy);
        Core.getGlobalContext().register(broken);
    }

    public String handle(String event) {
        return event;
    }
}
