package corpus.springbootadapter;

import org.springframework.thawstub.Component;

/** A bean: the container builds it when the adapter starts, during init. */
@Component
public class PingController {

    private final long startedAt = System.currentTimeMillis(); // SNAP_START expected: <init>

    public String ping() {
        return "pong since " + startedAt;
    }
}
