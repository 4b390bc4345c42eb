package dev.thaw.faults.crash;

import java.util.Optional;
import java.util.Set;

/**
 * One setting of a function as the client was told it, and the change in flight when the server died: after the
 * restart it holds one of the two.
 */
record Setting(String acknowledged, Optional<String> inFlight) {

    static Setting of(String value) {
        return new Setting(value, Optional.empty());
    }

    Setting sending(String value) {
        return new Setting(acknowledged, Optional.of(value));
    }

    Set<String> possible() {
        return inFlight.map(value -> Set.of(acknowledged, value)).orElse(Set.of(acknowledged));
    }
}
