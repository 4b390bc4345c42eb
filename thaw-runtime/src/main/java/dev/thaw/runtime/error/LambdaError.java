package dev.thaw.runtime.error;

import dev.thaw.runtime.serde.JsonText;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * An error as Lambda reports it: {@code {"errorMessage":..,"errorType":..,"stackTrace":[..],"cause":{..}}}.
 *
 * <p>{@code errorMessage} is left out when there is none; {@code stackTrace} and {@code cause} are present
 * only when the error comes from a throwable. Stack entries read like {@link StackTraceElement#toString()},
 * the form Lambda's Java runtime uses. The JSON is written by hand so that reporting works without Jackson
 * and with little heap.
 *
 * @param errorType    the exception's class name, or the type Lambda's runtime reports for the failure
 * @param errorMessage the message, or null
 * @param source       the throwable whose trace and causes are reported, or null for none
 */
public record LambdaError(String errorType, String errorMessage, Throwable source) {

    /** Causes deeper than this are left out: a pathological chain must not blow the response. */
    private static final int MAX_CAUSE_DEPTH = 16;

    public static LambdaError of(Throwable t) {
        return new LambdaError(t.getClass().getName(), t.getLocalizedMessage(), t);
    }

    public byte[] toJson() {
        StringBuilder json = new StringBuilder(512);
        appendObject(json, errorType, errorMessage, source, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The text Lambda's Java runtime prints to the function's log for an error: message, type, then the
     * stack trace as {@link Throwable#printStackTrace()} shows it.
     */
    public String toLogText() {
        String message = errorMessage == null ? errorType : errorMessage;
        if (source == null) {
            return message + ": " + errorType + "\n";
        }
        StringWriter trace = new StringWriter();
        source.printStackTrace(new PrintWriter(trace));
        return message + ": " + errorType + "\n" + trace + "\n";
    }

    private static void appendObject(StringBuilder json, String type, String message, Throwable t,
                                     Set<Throwable> seen, int depth) {
        json.append('{');
        if (message != null) {
            json.append("\"errorMessage\":");
            JsonText.appendQuoted(json, message);
            json.append(',');
        }
        json.append("\"errorType\":");
        JsonText.appendQuoted(json, type);
        if (t != null) {
            seen.add(t);
            json.append(",\"stackTrace\":[");
            StackTraceElement[] trace = t.getStackTrace();
            for (int i = 0; i < trace.length; i++) {
                if (i > 0) {
                    json.append(',');
                }
                JsonText.appendQuoted(json, trace[i].toString());
            }
            json.append(']');
            Throwable cause = t.getCause();
            if (cause != null && !seen.contains(cause) && depth < MAX_CAUSE_DEPTH) {
                json.append(",\"cause\":");
                appendObject(json, cause.getClass().getName(), cause.getLocalizedMessage(), cause, seen, depth + 1);
            }
        }
        json.append('}');
    }
}
