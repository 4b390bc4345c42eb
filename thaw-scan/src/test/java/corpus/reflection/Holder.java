package corpus.reflection;

import java.util.UUID;

final class Holder {

    static final UUID ID = UUID.randomUUID(); // SNAP_START known-miss: <clinit>

    private Holder() {
    }
}
