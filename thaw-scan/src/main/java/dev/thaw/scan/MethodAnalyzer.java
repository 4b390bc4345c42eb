package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs the taint analysis over one method with ASM's {@link Analyzer} and reads its summary off the resulting
 * frames: the taints of returned values, the tainted values stored into fields (directly, into an array held in a
 * field, or into a collection read from a field), and the tainted values put into argument objects.
 */
final class MethodAnalyzer {

    private final SourceCatalog catalog;
    private final CallResolver resolver;
    private final CodeBase code;
    private final Function<MethodRef, MethodSummary> summaries;
    private final Predicate<MethodRef> injectionPoints;

    MethodAnalyzer(SourceCatalog catalog, CallResolver resolver, CodeBase code,
                   Function<MethodRef, MethodSummary> summaries, Predicate<MethodRef> injectionPoints) {
        this.catalog = catalog;
        this.resolver = resolver;
        this.code = code;
        this.summaries = summaries;
        this.injectionPoints = injectionPoints;
    }

    MethodSummary analyze(MethodRef method, MethodNode node) throws AnalyzerException {
        MethodContext context = new MethodContext(method, node, injectionPoints.test(method));
        boolean beanFactory = ManagedBeans.isBeanFactory(node);
        CallModel calls = new CallModel(context, catalog, resolver, code, summaries);
        Analyzer<TaintValue> analyzer = new Analyzer<>(new TaintInterpreter(calls)) {
            @Override
            protected Frame<TaintValue> newFrame(int numLocals, int numStack) {
                return new TaintFrame(numLocals, numStack, calls);
            }

            @Override
            protected Frame<TaintValue> newFrame(Frame<? extends TaintValue> frame) {
                return new TaintFrame(frame, calls);
            }
        };
        Frame<TaintValue>[] frames = analyzer.analyze(method.owner(), node);

        Set<Taint> returns = new HashSet<>();
        Set<StoreRecord> stores = new HashSet<>();
        Map<Integer, Set<Taint>> paramMutations = new HashMap<>();
        for (int i = 0; i < frames.length; i++) {
            Frame<TaintValue> frame = frames[i];
            AbstractInsnNode insn = node.instructions.get(i);
            if (frame == null || insn.getOpcode() < 0) {
                continue;
            }
            int opcode = insn.getOpcode();
            if (opcode == Opcodes.PUTSTATIC && top(frame).isTainted()) {
                stores.add(new StoreRecord(calls.field((FieldInsnNode) insn), top(frame).taints(), method,
                        context.line(insn), StoreRecord.UNCONDITIONAL));
            } else if (opcode == Opcodes.PUTFIELD && top(frame).isTainted()) {
                storeIntoObject((FieldInsnNode) insn, calls.field((FieldInsnNode) insn), frame, context, stores,
                        paramMutations);
            } else if (opcode >= Opcodes.IRETURN && opcode <= Opcodes.ARETURN) {
                returns.addAll(top(frame).taints());
                if (beanFactory && top(frame).isTainted()) {
                    stores.add(new StoreRecord(FieldRef.beanOf(method), top(frame).taints(), method,
                            context.line(insn), StoreRecord.UNCONDITIONAL));
                }
            } else if (insn instanceof MethodInsnNode call) {
                stores.addAll(calls.calleeStores(call, frame));
            }
            for (Mutation mutation : calls.mutations(insn, frame)) {
                TaintValue target = mutation.target();
                if (target.origin() != null) {
                    stores.add(new StoreRecord(target.origin(), mutation.taints(), method, context.line(insn),
                            StoreRecord.UNCONDITIONAL));
                }
                if (target.producer() instanceof ParamTaint param) {
                    paramMutations.merge(param.position(), mutation.taints(), TaintValue::union);
                }
            }
        }
        return new MethodSummary(returns, stores, paramMutations);
    }

    /**
     * {@code object.field = value}: into an object the method was given, a store that counts where the caller's
     * object is kept; into one it just created, nothing yet (the object carries the taint to wherever it goes);
     * into any other object (read from a field, returned by a call), a store.
     */
    private static void storeIntoObject(FieldInsnNode insn, FieldRef field, Frame<TaintValue> frame,
                                        MethodContext context, Set<StoreRecord> stores,
                                        Map<Integer, Set<Taint>> paramMutations) {
        TaintValue value = top(frame);
        TaintValue object = frame.getStack(frame.getStackSize() - 2);
        int line = context.line(insn);
        if (object.producer() instanceof ParamTaint param) {
            stores.add(new StoreRecord(field, value.taints(), context.method(), line, param.position()));
            paramMutations.merge(param.position(), value.taints(), TaintValue::union);
        } else if (!CallModel.isFresh(object)) {
            stores.add(new StoreRecord(field, value.taints(), context.method(), line, StoreRecord.UNCONDITIONAL));
        }
    }

    private static TaintValue top(Frame<TaintValue> frame) {
        return frame.getStack(frame.getStackSize() - 1);
    }
}
