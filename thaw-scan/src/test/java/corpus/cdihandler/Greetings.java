package corpus.cdihandler;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

@ApplicationScoped
public class Greetings {

    private final String instance = UUID.randomUUID().toString(); // SNAP_START expected: <init>

    String greet(String name) {
        return "Hello " + name + " from " + instance;
    }
}
