package dev.thaw.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartKindTest {

    @Test
    void theReportLineTellsHowTheEnvironmentStarted() {
        assertEquals(StartKind.RESTORE, StartKind.of("REPORT RequestId: 1\tDuration: 2.00 ms\tBilled Duration: 3 ms"
                + "\tMemory Size: 512 MB\tMax Memory Used: 80 MB\tRestore Duration: 61.20 ms"
                + "\tBilled Restore Duration: 5 ms"));
        assertEquals(StartKind.ON_DEMAND, StartKind.of("REPORT RequestId: 1\tDuration: 2.00 ms\tInit Duration: "
                + "210.00 ms"));
        assertEquals(StartKind.FALLBACK, StartKind.of("REPORT RequestId: 1\tDuration: 2.00 ms\tInit Duration: "
                + "210.00 ms\tRestore Status: failed, started on demand (chunk 3 is corrupt)"));
        assertEquals(StartKind.WARM, StartKind.of("REPORT RequestId: 1\tDuration: 2.00 ms\tBilled Duration: 2 ms"));
    }

    @Test
    void theReportIsFoundInTheLogTail() {
        String log = "START RequestId: 1 Version: 1\nhello\nEND RequestId: 1\nREPORT RequestId: 1\tDuration: 1 ms\n";

        assertEquals("REPORT RequestId: 1\tDuration: 1 ms", StartKind.reportOf(log));
    }
}
