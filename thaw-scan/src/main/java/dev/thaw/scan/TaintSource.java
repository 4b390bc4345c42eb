package dev.thaw.scan;

/** One call that produces a per-process value, at one instruction of one method. */
record TaintSource(MethodRef method, int instruction, int line, String kind, ValueCategory category)
        implements Taint {
}
