package dev.thaw.worker;

/**
 * The outcome of one invocation.
 *
 * @param payload       the response bytes, or a Lambda error JSON object when functionError is set
 * @param functionError null on success, otherwise "Unhandled" (the X-Amz-Function-Error header value)
 * @param log           the log lines of this invocation, START through REPORT
 */
public record InvokeResult(byte[] payload, String functionError, String log) {
}
