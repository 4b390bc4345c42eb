package dev.thaw.faults;

import java.time.Duration;
import java.util.Locale;

/**
 * How much of each fault the suite drives: {@link #BOUNDED} in every build (a few minutes on two cores), {@link #LONG}
 * when asked for with {@code -Dthaw.faults=long}. The number of fuzz inputs is jqwik's, set in the module's pom.
 */
public enum FaultForm {
    BOUNDED(Duration.ofSeconds(30), 3),
    LONG(Duration.ofMinutes(5), 20);

    /** How long the load clients run. */
    public final Duration loadDuration;
    /** How many times the crash test kills the server. */
    public final int crashTrials;
    FaultForm(Duration loadDuration, int crashTrials) {
        this.loadDuration = loadDuration;
        this.crashTrials = crashTrials;
    }

    public static FaultForm current() {
        String form = System.getProperty("thaw.faults", "");
        return form.isBlank() ? BOUNDED : valueOf(form.trim().toUpperCase(Locale.ROOT));
    }
}
