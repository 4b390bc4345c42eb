package dev.thaw.worker.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The platform's log lines and error payloads, worded as AWS Lambda words them. */
public final class LambdaLogFormat {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaLogFormat() {
    }

    public static String start(String requestId, String version) {
        return "START RequestId: " + requestId + " Version: " + version;
    }

    public static String end(String requestId) {
        return "END RequestId: " + requestId;
    }

    /**
     * @param initMs    the init duration of a cold start, or null on a warm start
     * @param errorType appended as Lambda does for invocations that failed in the platform (timeout, runtime
     *                  exit), or null
     */
    /** @param coldStart null for a warm start */
    public static String report(String requestId, double durationMs, int memoryMb, long maxMemoryUsedBytes,
                                ColdStart coldStart, String errorType) {
        double billed = durationMs;
        if (coldStart != null) {
            billed += coldStart.restored() ? Math.ceil(coldStart.billedMillis()) : coldStart.millis();
        }
        StringBuilder line = new StringBuilder("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(millis(durationMs)).append(" ms")
                .append("\tBilled Duration: ").append((long) Math.ceil(billed)).append(" ms")
                .append("\tMemory Size: ").append(memoryMb).append(" MB")
                .append("\tMax Memory Used: ").append(mebibytes(maxMemoryUsedBytes)).append(" MB");
        if (coldStart != null && coldStart.restored()) {
            line.append("\tRestore Duration: ").append(millis(coldStart.millis())).append(" ms")
                    .append("\tBilled Restore Duration: ").append((long) Math.ceil(coldStart.billedMillis()))
                    .append(" ms");
        } else if (coldStart != null) {
            line.append("\tInit Duration: ").append(millis(coldStart.millis())).append(" ms");
            if (coldStart.restoreFailure() != null) {
                // Not a Lambda field: says why this SnapStart cold start ran init instead of restoring.
                line.append("\tRestore Status: failed, started on demand (")
                        .append(coldStart.restoreFailure().replaceAll("\\s+", " ")).append(')');
            }
        }
        if ("Sandbox.Timedout".equals(errorType)) {
            line.append("\tStatus: timeout");
        } else if (errorType != null) {
            line.append("\tStatus: error\tError Type: ").append(errorType);
        }
        return line.toString();
    }

    /**
     * @param phase  "init", or "invoke" when init ran on within an invocation after the init phase timed out
     * @param status "timeout" or "error"
     */
    public static String initReport(double initMs, String phase, String status) {
        return "INIT_REPORT Init Duration: " + millis(initMs) + " ms Phase: " + phase + " Status: " + status;
    }

    /** For a restore that failed; @param status "error" or "timeout" */
    public static String restoreReport(double restoreMs, String status) {
        return "RESTORE_REPORT Restore Duration: " + millis(restoreMs) + " ms Status: " + status;
    }

    public static String taskTimedOut(Instant at, String requestId, int timeoutSeconds) {
        return at.truncatedTo(ChronoUnit.MILLIS) + " " + requestId + " " + timedOutMessage(timeoutSeconds);
    }

    public static byte[] timeoutPayload(String requestId, int timeoutSeconds) {
        return error("RequestId: " + requestId + " Error: " + timedOutMessage(timeoutSeconds), "Sandbox.Timedout");
    }

    /** @param exitDescription "exit status 1", "signal: killed", ... */
    public static String runtimeExitedMessage(String requestId, String exitDescription) {
        return "RequestId: " + requestId + " Error: Runtime exited with error: " + exitDescription;
    }

    public static byte[] responseTooLargePayload(long maxBytes) {
        return error("Response payload size exceeded maximum allowed payload size (" + maxBytes + " bytes).",
                "Function.ResponseSizeTooLarge");
    }

    public static byte[] error(String message, String type) {
        ObjectNode error = JSON.createObjectNode().put("errorMessage", message).put("errorType", type);
        return error.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The errorType of a Lambda error payload, or null when it has none. */
    public static String errorType(byte[] payload) {
        try {
            return JSON.readTree(payload).path("errorType").textValue();
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** "errorType: errorMessage" of a Lambda error JSON payload, for state reasons and exception messages. */
    public static String errorSummary(byte[] payload) {
        try {
            var error = JSON.readTree(payload);
            return error.path("errorType").asText("Error") + ": " + error.path("errorMessage").asText("");
        } catch (java.io.IOException e) {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static String timedOutMessage(int timeoutSeconds) {
        return "Task timed out after " + String.format(Locale.ROOT, "%.2f", (double) timeoutSeconds) + " seconds";
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, "%.2f", ms);
    }

    private static long mebibytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }
}
