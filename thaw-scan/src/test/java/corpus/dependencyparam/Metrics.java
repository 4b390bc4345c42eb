package corpus.dependencyparam;

/** A dependency the framework constructs during init to hand to the handler. */
public class Metrics {

    private final long startedAt = System.currentTimeMillis(); // SNAP_START expected: <init>

    long uptime() {
        return System.currentTimeMillis() - startedAt;
    }
}
