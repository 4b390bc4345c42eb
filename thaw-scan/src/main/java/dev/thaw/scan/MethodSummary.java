package dev.thaw.scan;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a call to the method does with taint, in terms of its parameters: what its return value carries, which
 * fields it stores into, and which argument objects it puts tainted values into.
 */
record MethodSummary(Set<Taint> returns, Set<StoreRecord> stores, Map<Integer, Set<Taint>> paramMutations) {

    static final MethodSummary EMPTY = new MethodSummary(Set.of(), Set.of(), Map.of());

    MethodSummary {
        returns = Set.copyOf(returns);
        stores = Set.copyOf(stores);
        paramMutations = Map.copyOf(paramMutations);
    }

    /** For a virtual call that may run any of several overrides. */
    MethodSummary union(MethodSummary other) {
        Set<Taint> allReturns = new HashSet<>(returns);
        allReturns.addAll(other.returns);
        Set<StoreRecord> allStores = new HashSet<>(stores);
        allStores.addAll(other.stores);
        Map<Integer, Set<Taint>> allMutations = new HashMap<>(paramMutations);
        other.paramMutations.forEach((position, taints) -> allMutations.merge(position, taints, TaintValue::union));
        return new MethodSummary(allReturns, allStores, allMutations);
    }
}
