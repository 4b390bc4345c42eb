package dev.thaw.scan;

/**
 * One call that produces a per-process value, at one instruction of one method. {@code via} names the own method
 * or lambda the value came out of when the source is the call to it ({@code id = Ids.newId()} is reported where
 * init calls the helper, with the helper's own source as its kind). A negative line marks a value that arrives as
 * a parameter of an injection point: it is reported where it is stored.
 */
record TaintSource(MethodRef method, int instruction, int line, String kind, ValueCategory category, String via)
        implements Taint {

    boolean isInjected() {
        return line < 0;
    }

    /** What the report shows as the value. */
    String description() {
        return via == null ? kind : kind + " via " + via;
    }
}
