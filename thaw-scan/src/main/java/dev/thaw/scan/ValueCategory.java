package dev.thaw.scan;

/** What kind of uniqueness a source gives, for reports and per-category counts. */
public enum ValueCategory {
    /** java.util.Random and friends: a generator or a value drawn from one. */
    RANDOM,
    /** A SecureRandom given an explicit seed: as predictable as the seed, in every copy alike. */
    SEEDED_SECURE_RANDOM,
    /** UUID.randomUUID(). */
    UUID,
    /** A clock reading: nanoTime, currentTimeMillis, java.time now(). */
    TIME
}
