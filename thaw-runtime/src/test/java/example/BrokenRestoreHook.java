package example;

import java.io.IOException;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/** A function whose afterRestore hook fails. */
public class BrokenRestoreHook implements Resource {

    public BrokenRestoreHook() {
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) throws IOException {
        throw new IOException("cannot reconnect");
    }

    public String handle(String event) {
        return event;
    }
}
