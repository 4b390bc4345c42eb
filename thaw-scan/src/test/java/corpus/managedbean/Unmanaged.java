package corpus.managedbean;

import java.util.UUID;

/** Not a bean and never constructed during init: not reported. */
public class Unmanaged {

    private final String instance = UUID.randomUUID().toString();

    public String instance() {
        return instance;
    }
}
