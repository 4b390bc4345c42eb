package dev.thaw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RestorePhasesTest {

    private static final String BEFORE = """
            # HELP thaw_restore_phase_seconds Time of one phase of restoring an environment
            # TYPE thaw_restore_phase_seconds summary
            thaw_restore_phase_seconds_count{phase="fetch"} 1
            thaw_restore_phase_seconds_sum{phase="fetch"} 0.5
            thaw_restore_phase_seconds_count{phase="engine"} 1
            thaw_restore_phase_seconds_sum{phase="engine"} 0.1
            thaw_coldstart_seconds_count{kind="on-demand"} 3
            thaw_coldstart_seconds_sum{kind="on-demand"} 2.4
            thaw_coldstart_seconds_count{kind="restore"} 1
            thaw_coldstart_seconds_sum{kind="restore"} 0.7
            """;

    private static final String AFTER = """
            thaw_restore_phase_seconds_count{phase="fetch"} 3
            thaw_restore_phase_seconds_sum{phase="fetch"} 0.54
            thaw_restore_phase_seconds_count{phase="engine"} 3
            thaw_restore_phase_seconds_sum{phase="engine"} 0.2
            thaw_restore_phase_seconds_max{phase="engine"} 0.05
            thaw_coldstart_seconds_count{kind="on-demand"} 5
            thaw_coldstart_seconds_sum{kind="on-demand"} 4.4
            thaw_coldstart_seconds_count{kind="restore"} 3
            thaw_coldstart_seconds_sum{kind="restore"} 0.82
            """;

    @Test
    void meansArePerRestoreBetweenTheScrapesAndOnlyOfRestores() {
        LatencyStats client = LatencyStats.of(new long[] {90_000_000, 100_000_000});

        RestorePhases phases = RestorePhases.between(PrometheusSamples.parse(BEFORE), PrometheusSamples.parse(AFTER),
                "hello", ColdStartMode.RESTORE, client);

        assertEquals(2, phases.restores());
        assertEquals(20.0, phases.fetchMs(), 1e-9);
        assertEquals(50.0, phases.engineMs(), 1e-9);
        assertEquals(0.0, phases.hooksMs(), 1e-9);
        assertEquals(60.0, phases.serverTotalMs(), 1e-9);
        assertEquals(95.0 - 60.0, phases.firstInvokeMs(), 1e-9);
    }

    @Test
    void aServerCountThatDiffersFromTheTimedRestoresIsAnError() {
        LatencyStats oneTimed = LatencyStats.of(new long[] {90_000_000});

        assertThrows(IllegalStateException.class, () -> RestorePhases.between(PrometheusSamples.parse(BEFORE),
                PrometheusSamples.parse(AFTER), "hello", ColdStartMode.RESTORE, oneTimed));
    }

    @Test
    void samplesWithOtherLabelsOrATimestampAreReadToo() {
        PrometheusSamples samples = PrometheusSamples.parse("""
                thaw_coldstart_seconds_count{kind="restore",worker="a"} 2 1700000000000
                thaw_coldstart_seconds_count{worker="b",kind="restore"} 3
                thaw_store_bytes 42
                """);

        assertEquals(5, samples.sum("thaw_coldstart_seconds_count", "kind", "restore"));
        assertEquals(0, samples.sum("thaw_coldstart_seconds_count", "kind", "on-demand"));
    }
}
