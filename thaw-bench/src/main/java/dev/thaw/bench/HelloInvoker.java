package dev.thaw.bench;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/** One SDK client invoking the benchmark function, as one user of the API would. */
final class HelloInvoker implements AutoCloseable {

    private static final SdkBytes EVENT = SdkBytes.fromUtf8String(BenchFunction.DEFAULT_EVENT);

    private final LambdaClient client;
    private final String function;

    HelloInvoker(BenchServer server, String function) {
        this.client = server.newClient(1);
        this.function = function;
    }

    LambdaClient client() {
        return client;
    }

    /** Invokes once and returns the round-trip time in nanoseconds; fails on any function error. */
    long invoke() {
        long start = System.nanoTime();
        InvokeResponse response = client.invoke(r -> r.functionName(function).payload(EVENT));
        long elapsed = System.nanoTime() - start;
        if (response.functionError() != null) {
            throw new IllegalStateException("invoke failed: " + response.payload().asUtf8String());
        }
        return elapsed;
    }

    @Override
    public void close() {
        client.close();
    }
}
