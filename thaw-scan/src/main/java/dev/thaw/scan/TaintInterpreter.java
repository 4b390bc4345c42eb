package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Interpreter;

import java.util.List;
import java.util.Set;

/**
 * The taint semantics of each bytecode instruction, for ASM's {@link org.objectweb.asm.tree.analysis.Analyzer}.
 * Arithmetic, conversions and array loads carry their operands' taints (an element read from a tainted array is
 * tainted); field reads start clean but remember their field; calls are modelled by {@link CallModel}. Parameters
 * carry a {@link ParamTaint} so the method's summary can be written in terms of its arguments. Flows through
 * control (a branch on a random value) are not followed.
 */
final class TaintInterpreter extends Interpreter<TaintValue> {

    private final CallModel calls;
    private final MethodContext context;

    TaintInterpreter(CallModel calls) {
        super(Opcodes.ASM9);
        this.calls = calls;
        this.context = calls.context();
    }

    @Override
    public TaintValue newValue(Type type) {
        if (type == Type.VOID_TYPE) {
            return null;
        }
        return type == null ? TaintValue.EMPTY : TaintValue.clean(type.getSize());
    }

    @Override
    public TaintValue newParameterValue(boolean isInstanceMethod, int local, Type type) {
        int position = context.parameterPosition(local);
        if (position < 0) {
            return newValue(type);
        }
        TaintValue parameter = TaintValue.parameter(type.getSize(), position);
        boolean receiver = isInstanceMethod && position == 0;
        if (context.isInjectionPoint() && !receiver) {
            // What a framework injects at init is in the snapshot: a plain generator passed in is shared.
            return calls.injectedGenerator(type)
                    .map(kind -> parameter.plus(Set.of(context.injected(position, kind)))).orElse(parameter);
        }
        return parameter;
    }

    @Override
    public TaintValue newExceptionValue(TryCatchBlockNode tryCatch, Frame<TaintValue> handlerFrame, Type type) {
        return TaintValue.EMPTY;
    }

    @Override
    public TaintValue newOperation(AbstractInsnNode insn) {
        return switch (insn.getOpcode()) {
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.DCONST_0, Opcodes.DCONST_1 -> TaintValue.clean(2);
            case Opcodes.LDC -> TaintValue.clean(((LdcInsnNode) insn).cst instanceof Long
                    || ((LdcInsnNode) insn).cst instanceof Double ? 2 : 1);
            case Opcodes.GETSTATIC -> fieldValue((FieldInsnNode) insn);
            case Opcodes.NEW -> TaintValue.of(1, Set.of(), null, insn);
            default -> TaintValue.EMPTY;
        };
    }

    @Override
    public TaintValue copyOperation(AbstractInsnNode insn, TaintValue value) {
        // The same instance: a later mutation of the object must find every slot that holds it.
        return value;
    }

    @Override
    public TaintValue unaryOperation(AbstractInsnNode insn, TaintValue value) {
        return switch (insn.getOpcode()) {
            case Opcodes.GETFIELD -> fieldValue((FieldInsnNode) insn);
            case Opcodes.NEWARRAY, Opcodes.ANEWARRAY -> TaintValue.of(1, Set.of(), null, insn);
            case Opcodes.CHECKCAST -> value;
            case Opcodes.ARRAYLENGTH, Opcodes.INSTANCEOF -> TaintValue.EMPTY;
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE,
                 Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH, Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN,
                 Opcodes.DRETURN, Opcodes.ARETURN, Opcodes.PUTSTATIC, Opcodes.ATHROW, Opcodes.MONITORENTER,
                 Opcodes.MONITOREXIT, Opcodes.IFNULL, Opcodes.IFNONNULL -> null;
            default -> TaintValue.derived(resultSize(insn.getOpcode()), value.taints());
        };
    }

    @Override
    public TaintValue binaryOperation(AbstractInsnNode insn, TaintValue first, TaintValue second) {
        int opcode = insn.getOpcode();
        if (opcode >= Opcodes.IF_ICMPEQ && opcode <= Opcodes.IF_ACMPNE || opcode == Opcodes.PUTFIELD) {
            return null;
        }
        if (opcode >= Opcodes.IALOAD && opcode <= Opcodes.SALOAD) {
            return TaintValue.derived(resultSize(opcode), first.taints());
        }
        boolean subtraction = opcode == Opcodes.ISUB || opcode == Opcodes.LSUB || opcode == Opcodes.FSUB
                || opcode == Opcodes.DSUB;
        if (subtraction && SourceCatalog.isElapsedTime(List.of(first, second))) {
            return TaintValue.clean(resultSize(opcode));
        }
        return TaintValue.derived(resultSize(opcode), TaintValue.union(first.taints(), second.taints()));
    }

    @Override
    public TaintValue ternaryOperation(AbstractInsnNode insn, TaintValue first, TaintValue second,
                                       TaintValue third) {
        return null;
    }

    @Override
    public TaintValue naryOperation(AbstractInsnNode insn, List<? extends TaintValue> values) {
        if (insn instanceof MethodInsnNode call) {
            return calls.result(call, List.copyOf(values));
        }
        if (insn instanceof InvokeDynamicInsnNode indy) {
            // String concatenation and lambdas: the result carries what went in (and a lambda its body's result).
            return calls.lambda(indy, List.copyOf(values));
        }
        return TaintValue.of(1, Set.of(), null, insn);
    }

    @Override
    public void returnOperation(AbstractInsnNode insn, TaintValue value, TaintValue expected) {
        // Return values are collected from the final frames by MethodAnalyzer.
    }

    @Override
    public TaintValue merge(TaintValue first, TaintValue second) {
        return first.merge(second);
    }

    private TaintValue fieldValue(FieldInsnNode field) {
        return TaintValue.of(Type.getType(field.desc).getSize(), Set.of(), calls.field(field), field);
    }

    private static int resultSize(int opcode) {
        return switch (opcode) {
            case Opcodes.LALOAD, Opcodes.DALOAD, Opcodes.LADD, Opcodes.DADD, Opcodes.LSUB, Opcodes.DSUB,
                 Opcodes.LMUL, Opcodes.DMUL, Opcodes.LDIV, Opcodes.DDIV, Opcodes.LREM, Opcodes.DREM, Opcodes.LSHL,
                 Opcodes.LSHR, Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR, Opcodes.LNEG, Opcodes.DNEG,
                 Opcodes.I2L, Opcodes.I2D, Opcodes.L2D, Opcodes.F2L, Opcodes.F2D, Opcodes.D2L -> 2;
            default -> 1;
        };
    }
}
