package dev.thaw.faults;

import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.SnapStartNotReadyException;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/** How one request ended, as a client sees it; everything but {@link #UNEXPECTED} is an answer Lambda gives too. */
public enum Outcome {
    OK,
    /** 429 over a concurrency limit. */
    THROTTLED,
    /** 409: an update or publish while another is in progress, a version whose snapshot is not ready yet. */
    CONFLICT,
    /** 404 for a function the client itself deleted. */
    GONE,
    UNEXPECTED;

    /** @param deletedByCaller whether the caller deleted the function it asked about */
    public static Outcome of(Throwable failure, boolean deletedByCaller) {
        return switch (failure) {
            case TooManyRequestsException e -> THROTTLED;
            case ResourceConflictException e -> CONFLICT;
            case SnapStartNotReadyException e -> CONFLICT;
            case ResourceNotFoundException e when deletedByCaller -> GONE;
            default -> UNEXPECTED;
        };
    }
}
