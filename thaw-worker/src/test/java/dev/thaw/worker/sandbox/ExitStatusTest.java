package dev.thaw.worker.sandbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExitStatusTest {

    @Test
    void exitCodesAndSignalsReadAsLambdaWritesThem() {
        assertEquals("exit status 0", ExitStatus.describe(0));
        assertEquals("exit status 3", ExitStatus.describe(3));
        assertEquals("signal: aborted", ExitStatus.describe(128 + 6));
        assertEquals("signal: segmentation fault", ExitStatus.describe(128 + 11));
        assertEquals("signal: killed", ExitStatus.describe(128 + 9));
        assertEquals("signal: 31", ExitStatus.describe(128 + 31));
    }
}
