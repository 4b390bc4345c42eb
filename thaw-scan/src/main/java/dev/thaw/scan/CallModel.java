package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Frame;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a call, or an array store, does to taint in the method under analysis. A call to the function's own code
 * applies the callee's summary, its parameters replaced by the actual arguments (interprocedural); a JDK source
 * call creates a taint; any other call is assumed to build its result from its receiver and arguments, so
 * {@code id.toString()}, {@code Long.toHexString(t)} or {@code String.valueOf(x)} stay tainted, apart from the
 * sanitising calls the catalog knows.
 */
final class CallModel {

    private final MethodContext context;
    private final SourceCatalog catalog;
    private final CallResolver resolver;
    private final TypeHierarchy types;
    private final CodeBase code;
    private final Function<MethodRef, MethodSummary> summaries;

    /** {@code summaries} answers null for methods outside the analysed code (unreachable, afterRestore hooks). */
    CallModel(MethodContext context, SourceCatalog catalog, CallResolver resolver, CodeBase code,
              Function<MethodRef, MethodSummary> summaries) {
        this.context = context;
        this.catalog = catalog;
        this.resolver = resolver;
        this.types = resolver.types();
        this.code = code;
        this.summaries = summaries;
    }

    MethodContext context() {
        return context;
    }

    FieldRef field(FieldInsnNode insn) {
        return types.field(insn.owner, insn.name);
    }

    Optional<SourceKind> injectedGenerator(Type type) {
        return catalog.injectedGenerator(type);
    }

    /**
     * The value a non-void call returns. What an own callee produces itself is anchored at this call: init calling
     * the helper is what puts the value where it is kept, so that is where it is reported.
     */
    TaintValue result(MethodInsnNode call, List<TaintValue> args) {
        int size = SourceCatalog.returnSize(call.desc);
        Optional<MethodSummary> summary = summary(call);
        Set<Taint> fromSummary = summary.map(s -> substitute(s.returns(), args, call, callee(call)))
                .orElse(Set.of());
        if (summary.isPresent() && code.isOwn(call.owner)) {
            return TaintValue.of(size, fromSummary, null, call);
        }
        fromSummary = TaintValue.union(fromSummary, fieldLambdaResults(call, args));
        // A call named on a JDK or library type may also run code other than the own overrides: model both.
        Set<Taint> taints = TaintValue.union(allTaints(args, -1), fromSummary);
        Optional<SourceKind> source = catalog.result(call);
        if (source.isPresent()) {
            taints = TaintValue.union(taints, Set.of(context.source(call, source.get())));
        } else if (catalog.sanitizes(call, args)) {
            taints = Set.of();
        }
        return TaintValue.of(size, taints, null, call);
    }

    /** The objects the instruction puts tainted values into; {@code before} is the frame before it runs. */
    List<Mutation> mutations(AbstractInsnNode insn, Frame<TaintValue> before) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.IASTORE && opcode <= Opcodes.SASTORE) {
            TaintValue value = before.getStack(before.getStackSize() - 1);
            TaintValue array = before.getStack(before.getStackSize() - 3);
            return value.isTainted() ? List.of(new Mutation(array, value.taints())) : List.of();
        }
        if (!(insn instanceof MethodInsnNode call)) {
            return List.of();
        }
        List<TaintValue> args = arguments(call, before);
        List<Mutation> mutations = new ArrayList<>();
        Optional<MethodSummary> summary = summary(call);
        if (summary.isPresent()) {
            summary.get().paramMutations().forEach((position, taints) -> {
                Set<Taint> actual = substitute(taints, args, call, callee(call));
                if (position < args.size() && !actual.isEmpty()) {
                    mutations.add(new Mutation(args.get(position), actual));
                }
            });
            if (code.isOwn(call.owner)) {
                return mutations;
            }
        }
        catalog.receiver(call).ifPresent(kind ->
                mutations.add(new Mutation(args.get(0), Set.of(context.source(call, kind)))));
        catalog.filledArgument(call).ifPresent(kind ->
                mutations.add(new Mutation(args.get(1), Set.of(context.source(call, kind)))));
        if (call.name.equals(MethodRef.CONSTRUCTOR) && mutations.isEmpty()) {
            // new AtomicLong(nanoTime), new Date(millis): a library object built from tainted arguments holds them.
            Set<Taint> stored = allTaints(args, 0);
            if (!stored.isEmpty()) {
                mutations.add(new Mutation(args.get(0), stored));
            }
            return mutations;
        }
        int target = catalog.mutationTarget(call);
        if (target >= 0 && target < args.size()) {
            Set<Taint> stored = allTaints(args, target);
            if (!stored.isEmpty()) {
                mutations.add(new Mutation(args.get(target), stored));
            }
        }
        return mutations;
    }

    /**
     * The callee's field stores that this call makes matter: those of its arguments' taints, and those into the
     * fields of an object passed in, which stay conditional while that object is this method's own parameter and
     * are dropped for an object this method just created (its taint travels with it instead).
     */
    List<StoreRecord> calleeStores(MethodInsnNode call, Frame<TaintValue> before) {
        Optional<MethodSummary> summary = summary(call);
        if (summary.isEmpty() || summary.get().stores().isEmpty()) {
            return List.of();
        }
        List<TaintValue> args = arguments(call, before);
        List<StoreRecord> stores = new ArrayList<>();
        for (StoreRecord store : summary.get().stores()) {
            if (store.isUnconditional()) {
                Set<Taint> actual = substitute(store.taints(), args, null, null);
                if (!actual.isEmpty()) {
                    stores.add(new StoreRecord(store.field(), actual, store.method(), store.line(),
                            StoreRecord.UNCONDITIONAL));
                }
                continue;
            }
            if (store.receiver() >= args.size()) {
                continue;
            }
            TaintValue object = args.get(store.receiver());
            Set<Taint> actual = substituteAll(store.taints(), args);
            if (object.producer() instanceof ParamTaint param) {
                stores.add(new StoreRecord(store.field(), actual, store.method(), store.line(), param.position()));
            } else if (!isFresh(object) && !actual.isEmpty()) {
                stores.add(new StoreRecord(store.field(), actual, store.method(), store.line(),
                        StoreRecord.UNCONDITIONAL));
            }
        }
        return stores;
    }

    /** An object created in the method under analysis ({@code new}): nothing outside it holds it yet. */
    static boolean isFresh(TaintValue object) {
        return object.producer() instanceof TypeInsnNode type && type.getOpcode() == Opcodes.NEW;
    }

    /**
     * A lambda or method reference: it carries what it captured and, when init runs its body, what the body returns
     * (so {@code stream.map(i -> UUID.randomUUID())} yields tainted results). One kept straight in a field, or
     * returned (a {@code @Bean Function}), runs later, per invocation, and carries only what it captured.
     */
    TaintValue lambda(InvokeDynamicInsnNode indy, List<TaintValue> captured) {
        Set<Taint> taints = allTaints(captured, -1);
        Optional<MethodRef> body = resolver.lambdaBody(indy);
        if (body.isPresent() && !CallResolver.keptInField(indy) && !CallResolver.returned(indy)) {
            MethodSummary summary = summaries.apply(body.get());
            if (summary != null) {
                taints = TaintValue.union(taints, substituteAll(summary.returns(), captured));
            }
        }
        return TaintValue.of(SourceCatalog.returnSize(indy.desc), taints, null, indy);
    }

    /** Receiver (for instance calls) and arguments, in parameter-position order. */
    static List<TaintValue> arguments(MethodInsnNode call, Frame<TaintValue> before) {
        int count = Type.getArgumentTypes(call.desc).length + (call.getOpcode() == Opcodes.INVOKESTATIC ? 0 : 1);
        List<TaintValue> args = new ArrayList<>(count);
        for (int i = before.getStackSize() - count; i < before.getStackSize(); i++) {
            args.add(before.getStack(i));
        }
        return args;
    }

    /** The union of the own targets' summaries; empty when the call runs no analysed own code. */
    private Optional<MethodSummary> summary(MethodInsnNode call) {
        MethodSummary union = null;
        for (MethodRef target : resolver.resolve(call)) {
            MethodSummary summary = summaries.apply(target);
            if (summary != null) {
                union = union == null ? summary : union.union(summary);
            }
        }
        return Optional.ofNullable(union);
    }

    /**
     * Replaces parameter taints by the actual arguments' taints; the callee's own sources are anchored at
     * {@code call}, or dropped when {@code call} is null (they were reported where the callee stored them).
     */
    private Set<Taint> substitute(Set<Taint> taints, List<TaintValue> args, AbstractInsnNode call, String via) {
        Set<Taint> result = new HashSet<>();
        for (Taint taint : taints) {
            if (taint instanceof ParamTaint param) {
                if (param.position() < args.size()) {
                    result.addAll(args.get(param.position()).taints());
                }
            } else if (call != null && taint instanceof TaintSource source) {
                result.add(source.isInjected() ? source : context.reanchored(call, source, via));
            }
        }
        return result;
    }

    /** Replaces parameter taints by the actual arguments' taints and keeps the callee's own sources as they are. */
    private static Set<Taint> substituteAll(Set<Taint> taints, List<TaintValue> args) {
        Set<Taint> result = new HashSet<>();
        for (Taint taint : taints) {
            if (taint instanceof ParamTaint param) {
                if (param.position() < args.size()) {
                    result.addAll(args.get(param.position()).taints());
                }
            } else {
                result.add(taint);
            }
        }
        return result;
    }

    /**
     * {@code supplier.get()} on a field holding an own lambda runs the lambda: its result is the lambda's.
     * (Its captured values are unknown here, so only what the body produces itself counts.)
     */
    private Set<Taint> fieldLambdaResults(MethodInsnNode call, List<TaintValue> args) {
        if (call.getOpcode() != Opcodes.INVOKEINTERFACE || args.isEmpty() || args.get(0).origin() == null) {
            return Set.of();
        }
        Set<Taint> taints = new HashSet<>();
        for (MethodRef body : resolver.fieldLambdas(args.get(0).origin())) {
            MethodSummary summary = summaries.apply(body);
            if (summary != null) {
                taints.addAll(substitute(summary.returns(), List.of(), call,
                        "the lambda in " + args.get(0).origin().readable()));
            }
        }
        return taints;
    }

    private static String callee(MethodInsnNode call) {
        return Names.className(call.owner) + "." + Names.method(call.name, call.desc);
    }

    private static Set<Taint> allTaints(List<TaintValue> args, int except) {
        Set<Taint> taints = Set.of();
        for (int i = 0; i < args.size(); i++) {
            if (i != except) {
                taints = TaintValue.union(taints, args.get(i).taints());
            }
        }
        return taints;
    }
}
