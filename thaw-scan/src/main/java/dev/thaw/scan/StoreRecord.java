package dev.thaw.scan;

import java.util.Set;

/** Values with these taints reach this field, at this line of this method. */
record StoreRecord(FieldRef field, Set<Taint> taints, MethodRef method, int line) {
}
