package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodNode;

import java.util.HashMap;
import java.util.Map;

/** The method under analysis: instruction indexes, their source lines, and which local holds which parameter. */
final class MethodContext {

    private final MethodRef method;
    private final MethodNode node;
    private final int[] lines;
    private final Map<Integer, Integer> parameterPositions = new HashMap<>();

    MethodContext(MethodRef method, MethodNode node) {
        this.method = method;
        this.node = node;
        this.lines = new int[node.instructions.size()];
        int line = 0;
        for (int i = 0; i < lines.length; i++) {
            if (node.instructions.get(i) instanceof LineNumberNode number) {
                line = number.line;
            }
            lines[i] = line;
        }
        int local = 0;
        int position = 0;
        if ((node.access & Opcodes.ACC_STATIC) == 0) {
            parameterPositions.put(local++, position++);
        }
        for (Type arg : Type.getArgumentTypes(node.desc)) {
            parameterPositions.put(local, position++);
            local += arg.getSize();
        }
    }

    MethodRef method() {
        return method;
    }

    MethodNode node() {
        return node;
    }

    int index(AbstractInsnNode insn) {
        return node.instructions.indexOf(insn);
    }

    /** The source line of the instruction, 0 when the class was compiled without line numbers. */
    int line(AbstractInsnNode insn) {
        return lines[index(insn)];
    }

    /** Position of the parameter held in the local at method entry: receiver 0, then the arguments. */
    int parameterPosition(int local) {
        return parameterPositions.getOrDefault(local, -1);
    }

    TaintSource source(AbstractInsnNode insn, SourceKind kind) {
        return new TaintSource(method, index(insn), line(insn), kind.description(), kind.category());
    }
}
