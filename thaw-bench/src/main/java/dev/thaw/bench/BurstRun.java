package dev.thaw.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * Many invocations of a function with no environment at once, one virtual thread each, released together: the time
 * until the last is answered, and how each fared.
 */
final class BurstRun {

    /**
     * @param target         the invoked function, qualified or not
     * @param allAnsweredMs  from the release until the last answer
     * @param starts         answers without a function error, by the kind of start their REPORT line shows
     * @param throttled      answered TooManyRequestsException
     * @param errors         function errors and other failures
     * @param firstError     what the first error said, if any
     * @param latency        each invocation's first-response latency, errors included
     */
    record Result(String target, int invocations, double allAnsweredMs, Map<StartKind, Integer> starts,
                  int throttled, int errors, String firstError, LatencyStats latency) {
    }

    private record Outcome(long nanos, StartKind start, boolean throttled, String error) {
    }

    private BurstRun() {
    }

    /** @param event what each invocation sends */
    static Result run(LambdaClient client, String target, SdkBytes event, int invocations)
            throws InterruptedException, ExecutionException {
        CountDownLatch release = new CountDownLatch(1);
        List<Future<Outcome>> outcomes = new ArrayList<>();
        long released;
        long lastAnswered;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < invocations; i++) {
                outcomes.add(threads.submit(() -> {
                    release.await();
                    return invoke(client, target, event);
                }));
            }
            released = System.nanoTime();
            release.countDown();
            for (Future<Outcome> outcome : outcomes) {
                outcome.get();
            }
            lastAnswered = System.nanoTime();
        }
        Map<StartKind, Integer> starts = new EnumMap<>(StartKind.class);
        int throttled = 0;
        int errors = 0;
        String firstError = null;
        long[] nanos = new long[invocations];
        for (int i = 0; i < invocations; i++) {
            Outcome outcome = outcomes.get(i).get();
            nanos[i] = outcome.nanos();
            if (outcome.throttled()) {
                throttled++;
            } else if (outcome.error() != null) {
                errors++;
                firstError = firstError == null ? outcome.error() : firstError;
            } else {
                starts.merge(outcome.start(), 1, Integer::sum);
            }
        }
        return new Result(target, invocations, (lastAnswered - released) / 1e6, starts, throttled, errors, firstError,
                LatencyStats.of(nanos));
    }

    private static Outcome invoke(LambdaClient client, String target, SdkBytes event) {
        long start = System.nanoTime();
        try {
            InvokeResponse response = client.invoke(r -> r.functionName(target).logType(LogType.TAIL).payload(event));
            long elapsed = System.nanoTime() - start;
            String log = StartKind.logOf(response);
            if (response.functionError() != null) {
                return new Outcome(elapsed, null, false, response.payload().asUtf8String());
            }
            return new Outcome(elapsed, StartKind.of(StartKind.reportOf(log)), false, null);
        } catch (TooManyRequestsException e) {
            return new Outcome(System.nanoTime() - start, null, true, null);
        } catch (RuntimeException e) {
            return new Outcome(System.nanoTime() - start, null, false, e.toString());
        }
    }
}
