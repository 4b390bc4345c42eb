package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodInsnNode;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The JDK calls whose results differ between processes (random generators, UUIDs, clocks), and the few calls whose
 * result no longer carries that difference. A SecureRandom is a source only once given an explicit seed: unseeded
 * it reseeds from the kernel, so storing one is fine (the values drawn from any generator during init are still
 * sources: they are fixed in the snapshot).
 */
final class SourceCatalog {

    private static final String RANDOM = "java/util/Random";
    private static final String SECURE_RANDOM = "java/security/SecureRandom";
    private static final List<String> GENERATOR_TYPES = List.of(RANDOM, "java/util/SplittableRandom",
            "java/util/random/RandomGenerator");
    private static final List<String> CLOCK_TYPES = List.of("java/time/Clock", "java/time/InstantSource");

    private static final Map<String, SourceKind> STATIC_SOURCES = Map.of(
            "java/util/UUID.randomUUID", new SourceKind("java.util.UUID.randomUUID()", ValueCategory.UUID),
            "java/lang/Math.random", new SourceKind("java.lang.Math.random()", ValueCategory.RANDOM),
            "java/lang/StrictMath.random", new SourceKind("java.lang.StrictMath.random()", ValueCategory.RANDOM),
            "java/lang/System.nanoTime", new SourceKind("java.lang.System.nanoTime()", ValueCategory.TIME),
            "java/lang/System.currentTimeMillis",
            new SourceKind("java.lang.System.currentTimeMillis()", ValueCategory.TIME),
            "java/util/Calendar.getInstance", new SourceKind("java.util.Calendar.getInstance()", ValueCategory.TIME));

    /** Generator factories: the generator they return starts from a fresh seed, the one the snapshot keeps. */
    private static final Set<String> GENERATOR_FACTORIES = Set.of("java/util/random/RandomGenerator.getDefault",
            "java/util/random/RandomGenerator.of", "java/util/random/RandomGeneratorFactory.create");

    /** Draws from a generator: values, streams of values, and new generators split off it. */
    private static final Set<String> DRAWS = Set.of("ints", "longs", "doubles", "split", "splits", "generateSeed",
            "jumps", "leaps", "copyAndJump");

    /** Results that keep the shape of a value but not its content. */
    private static final Set<String> SHAPE_ONLY = Set.of("length", "size", "isEmpty", "isBlank", "equals",
            "equalsIgnoreCase", "getClass", "isPresent", "isNull", "nonNull");

    /** Calls that put their arguments into their receiver. */
    private static final Set<String> MUTATORS = Set.of("add", "addAll", "addFirst", "addLast", "offer", "offerFirst",
            "offerLast", "push", "put", "putAll", "putIfAbsent", "compute", "computeIfAbsent", "computeIfPresent",
            "merge", "replace", "set", "lazySet", "setPlain", "setOpaque", "setRelease", "getAndSet",
            "compareAndSet", "compareAndExchange", "weakCompareAndSet", "weakCompareAndSetPlain",
            "weakCompareAndSetVolatile", "append", "insert", "setProperty", "addElement", "insertElementAt",
            "setElementAt", "accumulateAndGet", "getAndAccumulate", "updateAndGet", "getAndUpdate", "addAndGet",
            "getAndAdd");

    private final TypeHierarchy types;

    SourceCatalog(TypeHierarchy types) {
        this.types = types;
    }

    /** The call's return value is a source. */
    Optional<SourceKind> result(MethodInsnNode call) {
        String key = call.owner + "." + call.name;
        SourceKind fixed = STATIC_SOURCES.get(key);
        if (fixed != null && call.getOpcode() == Opcodes.INVOKESTATIC) {
            return Optional.of(fixed);
        }
        if (call.getOpcode() == Opcodes.INVOKESTATIC && call.name.equals("now")
                && (call.owner.startsWith("java/time/") || call.owner.startsWith("java/time/chrono/"))) {
            return Optional.of(kind(call, ValueCategory.TIME));
        }
        if (GENERATOR_FACTORIES.contains(key)) {
            return Optional.of(kind(call, ValueCategory.RANDOM));
        }
        if (call.getOpcode() == Opcodes.INVOKESTATIC || call.name.equals(MethodRef.CONSTRUCTOR)) {
            return Optional.empty();
        }
        if (isGenerator(call.owner) && (call.name.startsWith("next") && !call.name.equals("nextBytes")
                || DRAWS.contains(call.name))) {
            return Optional.of(kind(call, ValueCategory.RANDOM));
        }
        if ((call.name.equals("instant") || call.name.equals("millis"))
                && CLOCK_TYPES.stream().anyMatch(type -> types.isSubtype(call.owner, type))) {
            return Optional.of(kind(call, ValueCategory.TIME));
        }
        return Optional.empty();
    }

    /** The call makes its receiver a source: a generator's constructor, a clock-reading constructor, setSeed. */
    Optional<SourceKind> receiver(MethodInsnNode call) {
        if (call.getOpcode() == Opcodes.INVOKESTATIC) {
            return Optional.empty();
        }
        if (call.name.equals(MethodRef.CONSTRUCTOR)) {
            if (types.isSubtype(call.owner, SECURE_RANDOM)) {
                // new SecureRandom() and new SecureRandom(spi, provider) seed themselves; only a byte[] seed fixes it.
                return call.desc.equals("([B)V")
                        ? Optional.of(kind(call, ValueCategory.SEEDED_SECURE_RANDOM)) : Optional.empty();
            }
            if (isGenerator(call.owner)) {
                return Optional.of(kind(call, ValueCategory.RANDOM));
            }
            if (call.desc.equals("()V") && (call.owner.equals("java/util/Date")
                    || call.owner.equals("java/util/GregorianCalendar"))) {
                return Optional.of(kind(call, ValueCategory.TIME));
            }
            return Optional.empty();
        }
        if (call.name.equals("setSeed") && isGenerator(call.owner)) {
            return Optional.of(kind(call, types.isSubtype(call.owner, SECURE_RANDOM)
                    ? ValueCategory.SEEDED_SECURE_RANDOM : ValueCategory.RANDOM));
        }
        return Optional.empty();
    }

    /** {@code nextBytes(byte[])} fills its argument (position 1) with drawn values. */
    Optional<SourceKind> filledArgument(MethodInsnNode call) {
        return call.getOpcode() != Opcodes.INVOKESTATIC && call.name.equals("nextBytes") && isGenerator(call.owner)
                ? Optional.of(kind(call, ValueCategory.RANDOM)) : Optional.empty();
    }

    /**
     * The result carries none of its arguments' uniqueness: a size or a test, or the difference of two clock
     * readings (an elapsed time, such as init's duration, is the same kind of number in every copy).
     */
    boolean sanitizes(MethodInsnNode call, List<TaintValue> args) {
        if (SHAPE_ONLY.contains(call.name)) {
            return true;
        }
        if (call.owner.equals("java/lang/ThreadLocal") && call.name.equals("withInitial")) {
            // The initial value is computed on the first get() of each thread, not when the holder is made.
            return true;
        }
        return call.owner.startsWith("java/time/") && (call.name.equals("between") || call.name.equals("until"))
                && isElapsedTime(args);
    }

    /** Two or more operands, all tainted by clock readings only. */
    static boolean isElapsedTime(List<TaintValue> operands) {
        long tainted = operands.stream().filter(TaintValue::isTainted).count();
        return tainted >= 2 && operands.stream().flatMap(v -> v.taints().stream())
                .allMatch(t -> t instanceof TaintSource s && s.category() == ValueCategory.TIME);
    }

    /**
     * Which argument position the call stores its other arguments into, -1 for none: the receiver of a collection,
     * builder or holder mutator; the target object or array of a VarHandle write; the first array or collection
     * argument of {@code System.arraycopy} (its third), {@code Collections.addAll}, {@code Arrays.fill}.
     */
    int mutationTarget(MethodInsnNode call) {
        if (call.getOpcode() == Opcodes.INVOKESTATIC) {
            return switch (call.owner + "." + call.name) {
                case "java/lang/System.arraycopy" -> 2;
                case "java/util/Collections.addAll", "java/util/Arrays.fill", "java/util/Arrays.setAll" -> 0;
                default -> -1;
            };
        }
        if (!MUTATORS.contains(call.name) && !call.name.startsWith("set")) {
            return -1;
        }
        if (call.owner.equals("java/lang/invoke/VarHandle")) {
            return Type.getArgumentTypes(call.desc).length >= 2 ? 1 : -1;
        }
        return MUTATORS.contains(call.name) && !isGenerator(call.owner)
                && !call.owner.startsWith("java/lang/invoke/") ? 0 : -1;
    }

    /** A parameter of this declared type, injected at init, is a plain generator shared by every copy. */
    Optional<SourceKind> injectedGenerator(Type type) {
        if (type.getSort() != Type.OBJECT || !isGenerator(type.getInternalName())
                || types.isSubtype(type.getInternalName(), SECURE_RANDOM)) {
            return Optional.empty();
        }
        return Optional.of(new SourceKind(type.getClassName() + " passed in at init", ValueCategory.RANDOM));
    }

    boolean isGenerator(String type) {
        return !type.startsWith("[") && GENERATOR_TYPES.stream().anyMatch(g -> types.isSubtype(type, g));
    }

    private static SourceKind kind(MethodInsnNode call, ValueCategory category) {
        return new SourceKind(Names.call(call.owner, call.name, call.desc), category);
    }

    static int returnSize(String desc) {
        Type type = Type.getReturnType(desc);
        return type == Type.VOID_TYPE ? 1 : type.getSize();
    }
}
