package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** Reserved concurrency: put, get, delete, and the throttling it causes. */
class ConcurrencyTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private final LambdaClient lambda = THAW.client();

    @Test
    void zeroReservedConcurrencyThrottlesEveryInvokeUntilRemoved() {
        THAW.createFunction("concurrency-zero", "example.Hello");
        assertEquals(0, lambda.putFunctionConcurrency(r -> r.functionName("concurrency-zero")
                .reservedConcurrentExecutions(0)).reservedConcurrentExecutions());
        assertEquals(0, lambda.getFunctionConcurrency(r -> r.functionName("concurrency-zero"))
                .reservedConcurrentExecutions());
        assertEquals(0, lambda.getFunction(r -> r.functionName("concurrency-zero")).concurrency()
                .reservedConcurrentExecutions());

        TooManyRequestsException throttled = assertThrows(TooManyRequestsException.class,
                () -> invoke(lambda, "concurrency-zero", "{}"));
        assertEquals(429, throttled.statusCode());
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());

        lambda.deleteFunctionConcurrency(r -> r.functionName("concurrency-zero"));
        assertNull(lambda.getFunctionConcurrency(r -> r.functionName("concurrency-zero"))
                .reservedConcurrentExecutions());
        assertEquals("\"Hello, world!\"", text(invoke(lambda, "concurrency-zero", "{}")));
    }

    @Test
    void reservedConcurrencyOfOneThrottlesTheSecondOfTwoParallelInvokes() throws InterruptedException {
        THAW.createFunction("concurrency-one", "example.Sleep", b -> b.timeout(60));
        lambda.putFunctionConcurrency(r -> r.functionName("concurrency-one").reservedConcurrentExecutions(1));
        invoke(lambda, "concurrency-one", "{\"millis\":0}");

        // Each invoke sleeps long enough that the two always overlap, whichever is admitted first.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<InvokeResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return invoke(lambda, "concurrency-one", "{\"millis\":4000}");
                }, pool));
            }
            start.countDown();

            int succeeded = 0;
            int throttled = 0;
            for (CompletableFuture<InvokeResponse> call : calls) {
                try {
                    assertEquals("\"slept 4000 ms\"", text(call.join()));
                    succeeded++;
                } catch (CompletionException e) {
                    assertEquals(TooManyRequestsException.class, e.getCause().getClass(), e.getCause()::toString);
                    throttled++;
                }
            }
            assertEquals(List.of(1, 1), List.of(succeeded, throttled), "succeeded, throttled");
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
