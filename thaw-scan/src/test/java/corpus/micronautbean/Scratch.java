package corpus.micronautbean;

import java.util.UUID;

/** Not a bean, made per request: not reported. */
final class Scratch {

    private final UUID id = UUID.randomUUID();

    UUID id() {
        return id;
    }
}
