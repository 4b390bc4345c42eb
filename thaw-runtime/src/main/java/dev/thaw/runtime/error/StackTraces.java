package dev.thaw.runtime.error;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Removes the runtime's own frames from a function's exception, as Lambda's Java runtime does: a user reading
 * the error needs the frames of their code, not the loop that called it.
 */
public final class StackTraces {

    private static final String RUNTIME_PACKAGE = "dev.thaw.runtime.";

    /** JDK frames that only carry the runtime's reflective call into the function. */
    private static final String[] CALL_GLUE = {
        "java.lang.reflect.", "jdk.internal.reflect.", "java.lang.invoke.", "java.lang.Class."
    };

    private StackTraces() {
    }

    /** Trims the throwable, its causes and its suppressed exceptions in place, and returns it. */
    public static <T extends Throwable> T trimRuntimeFrames(T throwable) {
        trim(throwable, Collections.newSetFromMap(new IdentityHashMap<>()));
        return throwable;
    }

    private static void trim(Throwable t, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        StackTraceElement[] trace = t.getStackTrace();
        int end = 0;
        while (end < trace.length && !trace[end].getClassName().startsWith(RUNTIME_PACKAGE)) {
            end++;
        }
        if (end < trace.length) {
            while (end > 0 && isCallGlue(trace[end - 1].getClassName())) {
                end--;
            }
            StackTraceElement[] trimmed = new StackTraceElement[end];
            System.arraycopy(trace, 0, trimmed, 0, end);
            t.setStackTrace(trimmed);
        }
        trim(t.getCause(), seen);
        for (Throwable suppressed : t.getSuppressed()) {
            trim(suppressed, seen);
        }
    }

    private static boolean isCallGlue(String className) {
        for (String prefix : CALL_GLUE) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
