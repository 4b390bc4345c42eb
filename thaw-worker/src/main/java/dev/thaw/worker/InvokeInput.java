package dev.thaw.worker;

/**
 * One invocation as the worker receives it.
 *
 * @param requestId          the Lambda request id
 * @param invokedFunctionArn the ARN the caller invoked (with qualifier when one was given)
 * @param payload            the event bytes (already checked against the payload limit)
 * @param clientContextJson  the decoded client context, or empty
 */
public record InvokeInput(String requestId, String invokedFunctionArn, byte[] payload, String clientContextJson) {
}
