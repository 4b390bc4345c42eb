package dev.thaw.faults;

import java.security.SecureRandom;
import java.util.Random;

/** The seed of a run's random choices: {@code -Dthaw.faults.seed=N} replays a run, else a fresh one is printed. */
public record Seed(long value) {

    public static Seed current() {
        String given = System.getProperty("thaw.faults.seed", "");
        return new Seed(given.isBlank() ? new SecureRandom().nextLong() : Long.parseLong(given.trim()));
    }

    /** A generator of its own per part, so that one part's choices do not shift another's. */
    public Random random(String part) {
        return new Random(value ^ part.hashCode());
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
