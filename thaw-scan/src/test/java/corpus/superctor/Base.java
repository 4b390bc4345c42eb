package corpus.superctor;

import java.util.UUID;

/** The handler's superclass: its constructor runs as part of the handler's. */
public abstract class Base {

    protected final String instanceId;

    protected Base() {
        instanceId = UUID.randomUUID().toString(); // SNAP_START expected: <init>
    }
}
