package dev.thaw.controlplane;

import dev.thaw.worker.InvokeInput;

import java.time.Instant;

/**
 * One Event invocation as the queue keeps it: what to invoke, within which limits, and how it fared so far.
 *
 * @param version the version it runs on ($LATEST is the one current at each attempt)
 */
record QueuedEvent(VersionKey version, InvokeInput input, AsyncLimits limits, Instant received, int errors,
                          int throttles) {

    QueuedEvent failed(AsyncRetries.Failure failure) {
        return failure == AsyncRetries.Failure.FUNCTION_ERROR
                ? new QueuedEvent(version, input, limits, received, errors + 1, throttles)
                : new QueuedEvent(version, input, limits, received, errors, throttles + 1);
    }

    /** A queued event and when its next attempt is due. */
    record Due(QueuedEvent event, Instant at) {
    }
}
