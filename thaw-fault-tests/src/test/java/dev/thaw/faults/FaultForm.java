package dev.thaw.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * How much of each fault the suite drives: {@link #BOUNDED} in every build (a few minutes on two cores), {@link #LONG}
 * when asked for with {@code -Dthaw.faults=long}.
 */
public enum FaultForm {
    BOUNDED(Duration.ofSeconds(30), 3, 2_500),
    LONG(Duration.ofMinutes(5), 20, 25_000);

    /** How long the load clients run. */
    public final Duration loadDuration;
    /** How many times the crash test kills the server. */
    public final int crashTrials;
    /** How many bad requests the fuzzer sends. */
    public final int fuzzInputs;

    FaultForm(Duration loadDuration, int crashTrials, int fuzzInputs) {
        this.loadDuration = loadDuration;
        this.crashTrials = crashTrials;
        this.fuzzInputs = fuzzInputs;
    }

    public static FaultForm current() {
        String form = System.getProperty("thaw.faults", "");
        return form.isBlank() ? BOUNDED : valueOf(form.trim().toUpperCase(Locale.ROOT));
    }
}
