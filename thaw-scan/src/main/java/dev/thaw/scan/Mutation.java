package dev.thaw.scan;

import java.util.Set;

/** An instruction puts tainted values into an existing object: {@code list.add(id)}, {@code rnd.setSeed(42)}. */
record Mutation(TaintValue target, Set<Taint> taints) {
}
