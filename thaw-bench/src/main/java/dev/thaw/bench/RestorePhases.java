package dev.thaw.bench;

/**
 * Where one mode's timed restores of a function spent their time, as the server's own timers say: the mean of each
 * phase of {@code thaw_restore_phase_seconds} and of {@code thaw_coldstart_seconds{kind="restore"}} (the server's
 * restore total) between a scrape before and one after them. What remains of the client's first-response latency
 * is the first invoke plus the HTTP round trip and routing: an approximation, since it subtracts means.
 */
record RestorePhases(String function, ColdStartMode mode, int restores, double fetchMs, double prepareMs,
                     double engineMs, double hooksMs, double serverTotalMs, double clientMeanMs,
                     double firstInvokeMs, CopyMemory memory) {

    private static final String PHASE = "thaw_restore_phase_seconds";
    private static final String COLD_START = "thaw_coldstart_seconds";
    private static final String PAGES = "thaw_restore_pages";
    private static final String PSS = "thaw_environment_pss_bytes";

    /**
     * A restored copy's memory at the end of its first invocation, as means: pages of a lazily restored copy's image
     * by how they were loaded ({@code thaw_restore_pages}; all zero for eager restores), and its JVM's proportional
     * set size ({@code thaw_environment_pss_bytes{start="restore"}}).
     */
    record CopyMemory(double eager, double prefetched, double faulted, double rest, double pssBytes) {

        boolean lazy() {
            return faulted + rest > 0;
        }
    }

    static RestorePhases between(PrometheusSamples before, PrometheusSamples after, String function,
                                 ColdStartMode mode, LatencyStats client) {
        int restores = (int) Math.round(delta(before, after, COLD_START + "_count", "kind", "restore"));
        if (restores != client.count()) {
            throw new IllegalStateException("the server counted " + restores + " restores of " + function
                    + " where " + client.count() + " were timed; is another client using it?");
        }
        double serverTotal = meanMillis(before, after, COLD_START, "kind", "restore", restores);
        return new RestorePhases(function, mode, restores,
                meanMillis(before, after, PHASE, "phase", "fetch", restores),
                meanMillis(before, after, PHASE, "phase", "prepare", restores),
                meanMillis(before, after, PHASE, "phase", "engine", restores),
                meanMillis(before, after, PHASE, "phase", "hooks", restores),
                serverTotal, client.mean(), client.mean() - serverTotal,
                new CopyMemory(meanPages(before, after, "eager", restores),
                        meanPages(before, after, "prefetched", restores), meanPages(before, after, "faulted", restores),
                        meanPages(before, after, "rest", restores),
                        delta(before, after, PSS + "_sum", "start", "restore") / restores));
    }

    private static double meanPages(PrometheusSamples before, PrometheusSamples after, String how, int restores) {
        return delta(before, after, PAGES + "_sum", "how", how) / restores;
    }

    private static double meanMillis(PrometheusSamples before, PrometheusSamples after, String timer, String label,
                                     String value, int restores) {
        return delta(before, after, timer + "_sum", label, value) * 1000 / restores;
    }

    private static double delta(PrometheusSamples before, PrometheusSamples after, String name, String label,
                                String value) {
        return after.sum(name, label, value) - before.sum(name, label, value);
    }
}
