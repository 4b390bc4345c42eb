package corpus.micronautbean;

import jakarta.inject.Singleton;

import java.time.Instant;

@Singleton
public class Uptime {

    private final Instant bootedAt = Instant.now(); // SNAP_START expected: <init>

    Instant since() {
        return bootedAt;
    }
}
