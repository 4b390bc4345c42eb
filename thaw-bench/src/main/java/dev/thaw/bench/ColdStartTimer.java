package dev.thaw.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * Times first responses: Invoke sent to response received. Each invocation's REPORT line must show the
 * expected kind of cold start, so that a warm invocation is never counted; a restore that fell back to an
 * on-demand start ends the run, since its numbers would silently mix two kinds of start.
 */
final class ColdStartTimer {

    private final LambdaClient client;

    ColdStartTimer(LambdaClient client) {
        this.client = client;
    }

    /**
     * Invokes the mode's target ($LATEST or version 1) with the function's event, which must start the mode's kind.
     *
     * @return the first-response latency in nanoseconds
     */
    long time(BenchFunction function, ColdStartMode mode) {
        String target = mode.target(function);
        StartKind expected = mode.expected();
        SdkBytes event = function.payload();
        long start = System.nanoTime();
        InvokeResponse response = client.invoke(r -> r.functionName(target).logType(LogType.TAIL).payload(event));
        long elapsed = System.nanoTime() - start;
        String log = StartKind.logOf(response);
        if (response.functionError() != null) {
            throw new IllegalStateException(target + " failed: " + response.payload().asUtf8String() + "\n" + log);
        }
        StartKind started = StartKind.of(StartKind.reportOf(log));
        if (started == StartKind.FALLBACK) {
            throw new IllegalStateException(target + ": the snapshot could not be restored and the invocation "
                    + "started on demand; stopping, so that no restore figure includes it. Its log:\n" + log);
        }
        if (started != expected) {
            throw new IllegalStateException(target + " was a " + started + " start, not " + expected + ":\n" + log);
        }
        return elapsed;
    }
}
