package dev.thaw.worker.logs;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LambdaLogFormatTest {

    @Test
    void warmReport() {
        assertEquals("REPORT RequestId: r\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 57 MB",
                LambdaLogFormat.report("r", 12.34, 128, 56L * 1024 * 1024 + 1, null, null));
    }

    @Test
    void coldReportBillsTheInit() {
        assertEquals("REPORT RequestId: r\tDuration: 12.34 ms\tBilled Duration: 359 ms\tMemory Size: 512 MB"
                        + "\tMax Memory Used: 80 MB\tInit Duration: 345.67 ms",
                LambdaLogFormat.report("r", 12.34, 512, 80L * 1024 * 1024, ColdStart.init(345.67), null));
    }

    @Test
    void restoredReportBillsTheHooksOnly() {
        assertEquals("REPORT RequestId: r\tDuration: 1.69 ms\tBilled Duration: 132 ms\tMemory Size: 512 MB"
                        + "\tMax Memory Used: 84 MB\tRestore Duration: 277.30 ms\tBilled Restore Duration: 130 ms",
                LambdaLogFormat.report("r", 1.69, 512, 84L * 1024 * 1024, ColdStart.restore(277.3, 129.2), null));
    }

    @Test
    void failedReportsCarryTheirStatus() {
        assertEquals("REPORT RequestId: r\tDuration: 3000.10 ms\tBilled Duration: 3001 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 1 MB\tStatus: timeout",
                LambdaLogFormat.report("r", 3000.1, 128, 1, null, "Sandbox.Timedout"));
        assertEquals("REPORT RequestId: r\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 0 MB\tStatus: error\tError Type: Runtime.ExitError",
                LambdaLogFormat.report("r", 1, 128, 0, null, "Runtime.ExitError"));
    }

    @Test
    void timeoutLineAndPayload() {
        assertEquals("2025-01-02T03:04:05.678Z r Task timed out after 3.00 seconds",
                LambdaLogFormat.taskTimedOut(Instant.parse("2025-01-02T03:04:05.678901Z"), "r", 3));
        assertEquals("{\"errorMessage\":\"RequestId: r Error: Task timed out after 3.00 seconds\","
                        + "\"errorType\":\"Sandbox.Timedout\"}",
                new String(LambdaLogFormat.timeoutPayload("r", 3), StandardCharsets.UTF_8));
    }

    @Test
    void initReport() {
        assertEquals("INIT_REPORT Init Duration: 10000.00 ms Phase: init Status: timeout",
                LambdaLogFormat.initReport(10_000, "init", "timeout"));
    }

    @Test
    void errorTypeOfAPayload() {
        assertEquals("java.lang.OutOfMemoryError", LambdaLogFormat.errorType(
                "{\"errorMessage\":\"Java heap space\",\"errorType\":\"java.lang.OutOfMemoryError\"}"
                        .getBytes(StandardCharsets.UTF_8)));
        assertEquals(null, LambdaLogFormat.errorType("not json".getBytes(StandardCharsets.UTF_8)));
    }
}
