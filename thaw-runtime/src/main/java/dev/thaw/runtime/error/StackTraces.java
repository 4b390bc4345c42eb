package dev.thaw.runtime.error;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Removes the runtime's own frames from a function's exception, as Lambda's Java runtime does: a user reading
 * the error needs the frames of their code, not the loop that called it.
 */
public final class StackTraces {

    /** The runtime's own code, and its CRaC package through which checkpoint hooks are called. */
    private static final String[] RUNTIME_PACKAGES = {"dev.thaw.runtime.", "dev.thaw.crac."};

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
        while (end < trace.length && !startsWithAny(trace[end].getClassName(), RUNTIME_PACKAGES)) {
            end++;
        }
        if (end < trace.length) {
            while (end > 0 && startsWithAny(trace[end - 1].getClassName(), CALL_GLUE)) {
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

    private static boolean startsWithAny(String className, String[] prefixes) {
        for (String prefix : prefixes) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
