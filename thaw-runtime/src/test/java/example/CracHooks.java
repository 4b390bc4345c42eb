package example;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * Registers two CRaC resources from its constructor, as Lambda's SnapStart examples do, and answers each
 * invocation with the notifications they received.
 */
public class CracHooks {

    private static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private final Resource first = new Recorder("A");
    private final Resource second = new Recorder("B");

    public CracHooks() {
        Core.getGlobalContext().register(first);
        Core.getGlobalContext().register(second);
    }

    public List<String> calls() {
        return new ArrayList<>(CALLS);
    }

    private static final class Recorder implements Resource {

        private final String name;

        Recorder(String name) {
            this.name = name;
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            CALLS.add("beforeCheckpoint " + name);
            // Left unterminated: the runtime must send it before the checkpoint.
            System.out.print("closing " + name + ";");
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            CALLS.add("afterRestore " + name);
            System.out.println("reopened " + name);
        }
    }
}
