package dev.thaw.faults.fuzz;

import java.util.regex.Pattern;

/** What an answer to bad input says about the server. */
enum Verdict {
    /** A 2xx, or a 4xx Lambda error (x-amzn-ErrorType and a JSON body). */
    CLEAN,
    /** The connection closed without an answer: the client sees an I/O error, not a Lambda error. */
    NO_ANSWER,
    /** A 4xx without Lambda's error shape: the SDK cannot map it to an exception class. */
    UNSHAPED_4XX,
    /** Lambda's generic ServiceException, telling only the request id: acceptable, reported as a finding. */
    GENERIC_5XX,
    /** Any other 5xx: what bad input must never cause. */
    FAILING_5XX;

    /** Class names, stack frames and exception messages that a generic answer would not carry. */
    private static final Pattern EXCEPTION_TEXT = Pattern.compile(
            "(?i)exception|\\bjava\\.|\\bjdk\\.|dev\\.thaw\\.|\\bat [\\w.$]+\\(|caused by|\\bnull\\b");

    static Verdict of(int status, String errorType, String body) {
        if (status >= 500) {
            boolean generic = "ServiceException".equals(errorType) && !EXCEPTION_TEXT.matcher(message(body)).find();
            return generic ? GENERIC_5XX : FAILING_5XX;
        }
        if (status >= 400 && (errorType == null || !body.trim().startsWith("{"))) {
            return UNSHAPED_4XX;
        }
        return CLEAN;
    }

    /** The error body's message field, or the whole body when it has none. */
    private static String message(String body) {
        int key = body.toLowerCase(java.util.Locale.ROOT).indexOf("\"message\"");
        return key < 0 ? body : body.substring(key + "\"message\"".length());
    }
}
