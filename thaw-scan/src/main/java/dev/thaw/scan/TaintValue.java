package dev.thaw.scan;

import org.objectweb.asm.tree.analysis.Value;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The abstract value of a stack slot or local: its size, the taints it carries, the field it was read from (so a
 * mutation of it, {@code IDS.add(id)}, is a store into that field), and what produced it (an instruction or a
 * parameter), which lets a mutation of one object taint every slot holding that same object.
 */
final class TaintValue implements Value {

    static final TaintValue EMPTY = new TaintValue(1, Set.of(), null, null);

    private final int size;
    private final Set<Taint> taints;
    private final FieldRef origin;
    private final Object producer;

    private TaintValue(int size, Set<Taint> taints, FieldRef origin, Object producer) {
        this.size = size;
        this.taints = taints;
        this.origin = origin;
        this.producer = producer;
    }

    static TaintValue of(int size, Set<Taint> taints, FieldRef origin, Object producer) {
        return new TaintValue(size, Set.copyOf(taints), origin, producer);
    }

    static TaintValue clean(int size) {
        return size == 1 ? EMPTY : new TaintValue(size, Set.of(), null, null);
    }

    static TaintValue derived(int size, Set<Taint> taints) {
        return of(size, taints, null, null);
    }

    static TaintValue parameter(int size, int position) {
        ParamTaint param = new ParamTaint(position);
        return new TaintValue(size, Set.of(param), null, param);
    }

    @Override
    public int getSize() {
        return size;
    }

    Set<Taint> taints() {
        return taints;
    }

    boolean isTainted() {
        return !taints.isEmpty();
    }

    FieldRef origin() {
        return origin;
    }

    Object producer() {
        return producer;
    }

    TaintValue plus(Set<Taint> more) {
        return taints.containsAll(more) ? this : new TaintValue(size, union(taints, more), origin, producer);
    }

    /** True when a mutation of {@code target} changes this slot: the same object, as far as can be told. */
    boolean isSameObject(TaintValue target) {
        return this == target || target.producer != null && equals(target);
    }

    TaintValue merge(TaintValue other) {
        if (equals(other)) {
            return this;
        }
        TaintValue merged = new TaintValue(size == other.size ? size : 1, union(taints, other.taints),
                Objects.equals(origin, other.origin) ? origin : null,
                Objects.equals(producer, other.producer) ? producer : null);
        return merged.equals(this) ? this : merged;
    }

    static Set<Taint> union(Set<Taint> a, Set<Taint> b) {
        if (b.isEmpty() || a.containsAll(b)) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<Taint> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TaintValue v && size == v.size && taints.equals(v.taints)
                && Objects.equals(origin, v.origin) && Objects.equals(producer, v.producer);
    }

    @Override
    public int hashCode() {
        return Objects.hash(size, taints, origin, producer);
    }

    @Override
    public String toString() {
        return "TaintValue" + taints + (origin == null ? "" : " from " + origin.readable());
    }
}
