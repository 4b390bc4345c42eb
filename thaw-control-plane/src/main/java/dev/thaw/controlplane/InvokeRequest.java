package dev.thaw.controlplane;

/**
 * An Invoke call as received.
 *
 * @param function       the function and qualifier (from the path and the Qualifier parameter)
 * @param invocationType X-Amz-Invocation-Type, or null for RequestResponse
 * @param logType        X-Amz-Log-Type, or null for None
 * @param clientContext  X-Amz-Client-Context (base64 JSON), or null
 */
public record InvokeRequest(FunctionRef function, String invocationType, String logType, String clientContext,
                            byte[] payload) {
}
