package dev.thaw.worker.sandbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExitStatusTest {

    @Test
    void exitCodesAndSignalsReadAsLambdaWritesThem() {
        assertEquals("exit status 0", ExitStatus.describe(0, false));
        assertEquals("exit status 3", ExitStatus.describe(3, false));
        assertEquals("signal: aborted", ExitStatus.describe(128 + 6, false));
        assertEquals("signal: segmentation fault", ExitStatus.describe(128 + 11, false));
        assertEquals("signal: killed", ExitStatus.describe(128 + 9, false));
        assertEquals("signal: 31", ExitStatus.describe(128 + 31, false));
    }

    @Test
    void aChildKilledBySigkillIsReportedAsKilledWhateverTheWrapperExitedWith() {
        assertEquals("signal: killed", ExitStatus.describe(1, true));
    }
}
