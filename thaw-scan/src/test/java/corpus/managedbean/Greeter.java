package corpus.managedbean;

import org.springframework.thawstub.Component;

import java.util.UUID;

/** A bean: the container constructs it during init, though no code calls its constructor. */
@Component
public class Greeter {

    private final String instance = UUID.randomUUID().toString(); // SNAP_START expected: <init>

    public String greet(String name) {
        return "Hello " + name + " from " + instance;
    }
}
