package dev.thaw.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** What an invocation's REPORT line says about how its environment started. */
enum StartKind {
    /** A JVM started and ran the function's init: {@code Init Duration}. */
    ON_DEMAND,
    /** Restored from a SnapStart snapshot: {@code Restore Duration}. */
    RESTORE,
    /** The snapshot could not be restored and the environment started on demand instead. */
    FALLBACK,
    /** An existing environment served it. */
    WARM;

    static StartKind of(String report) {
        if (report.contains("Restore Status: failed")) {
            return FALLBACK;
        }
        if (report.contains("Restore Duration: ")) {
            return RESTORE;
        }
        return report.contains("Init Duration: ") ? ON_DEMAND : WARM;
    }

    /** The log tail of an invocation made with {@code LogType.TAIL}. */
    static String logOf(InvokeResponse response) {
        return response.logResult() == null ? ""
                : new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
    }

    static String reportOf(String log) {
        return log.lines().filter(line -> line.startsWith("REPORT ")).findFirst().orElse("");
    }
}
