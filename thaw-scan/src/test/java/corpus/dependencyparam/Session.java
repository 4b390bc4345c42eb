package corpus.dependencyparam;

import java.util.UUID;

/** Made lazily by the handler method: per invocation, so not reported. */
public class Session {

    private final String id = UUID.randomUUID().toString();

    String id() {
        return id;
    }
}
