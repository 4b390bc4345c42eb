package dev.thaw.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Times first responses: Invoke sent to response received. Each invocation's REPORT line must show the
 * expected kind of cold start, so that a warm invocation or a fallback to on-demand start is never counted.
 */
final class ColdStartTimer {

    /** The REPORT field of a cold start that ran the function's init. */
    static final String ON_DEMAND = "Init Duration";
    /** The REPORT field of a cold start restored from a SnapStart snapshot. */
    static final String RESTORE = "Restore Duration";

    private static final SdkBytes EVENT = SdkBytes.fromUtf8String("{\"name\":\"Bob\"}");

    private final LambdaClient client;

    ColdStartTimer(LambdaClient client) {
        this.client = client;
    }

    /**
     * @param function      a function name, qualified ({@code name:1}) or not ($LATEST)
     * @param expectedField {@link #ON_DEMAND} or {@link #RESTORE}
     * @return the first-response latency in nanoseconds
     */
    long time(String function, String expectedField) {
        long start = System.nanoTime();
        InvokeResponse response = client.invoke(r -> r.functionName(function).logType(LogType.TAIL).payload(EVENT));
        long elapsed = System.nanoTime() - start;
        if (response.functionError() != null) {
            throw new IllegalStateException(function + " failed: " + response.payload().asUtf8String());
        }
        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        String report = log.lines().filter(line -> line.startsWith("REPORT ")).findFirst().orElse("");
        if (!report.contains(expectedField + ": ")) {
            throw new IllegalStateException(function + " was not a cold start with " + expectedField + ": " + log);
        }
        return elapsed;
    }
}
