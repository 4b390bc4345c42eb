package dev.thaw.controlplane;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How the Event invocations of one function version or alias are retried (PutFunctionEventInvokeConfig): what is
 * not set takes Lambda's default. Destinations are kept and answered; events are not yet delivered to them.
 *
 * @param qualifier            {@code $LATEST}, a version number or an alias name
 * @param maximumRetryAttempts retries after a function error, 0 to 2; null: Lambda's 2
 * @param maximumEventAge      how long an event may wait to be run, 60 s to 6 h; null: Lambda's 6 h
 */
public record EventInvokeConfig(String functionName, String qualifier, Integer maximumRetryAttempts,
                                Duration maximumEventAge, Destinations destinations, Instant lastModified) {

    public static final int MAX_RETRY_ATTEMPTS = 2;
    public static final Duration MIN_EVENT_AGE = Duration.ofSeconds(60);
    public static final Duration MAX_EVENT_AGE = Duration.ofHours(6);

    /**
     * Where the record of an event goes after it succeeded or finally failed: the ARN of a function, SQS queue, SNS
     * topic or EventBridge bus; null for none.
     */
    public record Destinations(String onSuccess, String onFailure) {

        public static final Destinations NONE = new Destinations(null, null);
    }

    /** What an event invoked through this qualifier is allowed, with Lambda's defaults for what is not set. */
    AsyncLimits limits() {
        return new AsyncLimits(maximumRetryAttempts == null ? MAX_RETRY_ATTEMPTS : maximumRetryAttempts,
                Optional.ofNullable(maximumEventAge).orElse(MAX_EVENT_AGE));
    }
}
