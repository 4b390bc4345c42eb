package dev.thaw.controlplane;

import java.time.Duration;

/**
 * What one Event invocation is allowed before it is dropped: retries after function errors, and how long it may
 * wait in the queue (throttles and errors alike).
 */
record AsyncLimits(int errorRetries, Duration maximumEventAge) {

    /** Lambda's: two retries, six hours. */
    static final AsyncLimits DEFAULT = new AsyncLimits(EventInvokeConfig.MAX_RETRY_ATTEMPTS,
            EventInvokeConfig.MAX_EVENT_AGE);
}
