package dev.thaw.scan;

import java.util.Set;

/**
 * Values with these taints reach this field, at this line of this method. {@code receiver} is the parameter
 * position (0: {@code this}) of the object whose field it is, when that object is one the method was given: the
 * store matters only if the caller's object is kept ({@link CallGraph#retainsReceiver}). -1: a static field, or an
 * object held elsewhere.
 */
record StoreRecord(FieldRef field, Set<Taint> taints, MethodRef method, int line, int receiver) {

    static final int UNCONDITIONAL = -1;

    boolean isUnconditional() {
        return receiver == UNCONDITIONAL;
    }
}
