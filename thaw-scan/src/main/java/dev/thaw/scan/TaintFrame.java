package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

import java.util.ArrayList;
import java.util.List;

/**
 * A frame that also applies side effects the interpreter cannot express: after {@code list.add(id)},
 * {@code rnd.setSeed(42)} or {@code new Random()}'s constructor, every slot holding that object carries the new
 * taint, so storing the list or generator afterwards is seen; likewise an object once a field of it is assigned.
 */
final class TaintFrame extends Frame<TaintValue> {

    private final CallModel calls;

    TaintFrame(int numLocals, int maxStack, CallModel calls) {
        super(numLocals, maxStack);
        this.calls = calls;
    }

    TaintFrame(Frame<? extends TaintValue> frame, CallModel calls) {
        super(frame);
        this.calls = calls;
    }

    @Override
    public void execute(AbstractInsnNode insn, Interpreter<TaintValue> interpreter) throws AnalyzerException {
        List<Mutation> mutations = new ArrayList<>(calls.mutations(insn, this));
        if (insn.getOpcode() == Opcodes.PUTFIELD && getStack(getStackSize() - 1).isTainted()) {
            // The object now holds the value: storing the object later stores the value with it.
            mutations.add(new Mutation(getStack(getStackSize() - 2), getStack(getStackSize() - 1).taints()));
        }
        super.execute(insn, interpreter);
        for (Mutation mutation : mutations) {
            apply(mutation);
        }
    }

    private void apply(Mutation mutation) {
        TaintValue target = mutation.target();
        TaintValue mutated = target.plus(mutation.taints());
        if (mutated == target) {
            return;
        }
        for (int i = 0; i < getLocals(); i++) {
            TaintValue local = getLocal(i);
            if (local != null && local.isSameObject(target)) {
                setLocal(i, mutated);
            }
        }
        for (int i = 0; i < getStackSize(); i++) {
            if (getStack(i).isSameObject(target)) {
                setStack(i, mutated);
            }
        }
    }
}
