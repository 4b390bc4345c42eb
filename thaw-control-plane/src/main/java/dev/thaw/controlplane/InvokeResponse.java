package dev.thaw.controlplane;

/**
 * An Invoke answer.
 *
 * @param statusCode      200 (RequestResponse), 202 (Event) or 204 (DryRun)
 * @param executedVersion the version that ran, or null when nothing ran synchronously
 * @param functionError   "Unhandled" when the function failed, else null
 * @param logResult       base64 of the invocation log's last 4 KB when LogType=Tail, else null
 */
public record InvokeResponse(int statusCode, String executedVersion, String functionError, String logResult,
                             byte[] payload) {
}
