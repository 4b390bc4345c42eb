package dev.thaw.faults.load;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How the environment that answered an invocation started, read from its REPORT line. */
enum Start {
    WARM, ON_DEMAND, RESTORED;

    static Start of(String logResult) {
        String log = logResult == null ? "" : new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
        if (log.contains("Restore Duration: ")) {
            return RESTORED;
        }
        return log.contains("Init Duration: ") ? ON_DEMAND : WARM;
    }
}
