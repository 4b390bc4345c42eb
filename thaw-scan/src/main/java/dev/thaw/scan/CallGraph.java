package dev.thaw.scan;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The own methods reachable from a set of roots, each with the method that first reached it (for the path a
 * finding shows) and all its callers (to re-analyse them when its summary changes).
 *
 * <p>For init ({@link #forInit}) the roots are the handler class's static initialiser and constructors; the
 * constructors reach the superclasses' constructors through their {@code super(...)} calls, and initialising a
 * class initialises its superclasses first. A class's static initialiser counts as init when the class is the
 * handler, one of its superclasses, or is initialised by code init runs: a {@code new}, a static call or a static
 * field access in an init-reachable method (the JVM initialises a class at exactly these first uses). A class first
 * touched by the handler method is initialised during an invocation, after restore, so it is not init. Init also
 * runs the {@code beforeCheckpoint} hooks of the CRaC resources it constructs, and never enters an
 * {@code afterRestore} hook. A lambda created during init is followed (it may well run then, as with
 * {@code forEach}) unless it goes straight into a field, the usual way to keep it for later. When init starts a
 * dependency-injection container, the classes it manages are created during init too ({@link ManagedBeans}), and
 * so are the dependencies a framework builds for the objects init keeps ({@link Dependencies}).
 *
 * <p>Virtual and interface calls in init dispatch by rapid type analysis: only to overrides in classes that init
 * instantiates (the handler, the beans of a container, every {@code new} in init code). Plain class hierarchy
 * analysis would send every {@code iterator.next()} to every own {@code Iterator}, and from there anywhere. A call
 * on an own type none of whose subtypes init creates (its instances came from a library) falls back to the class
 * hierarchy. The afterRestore walk, small and only used to excuse fields, uses the class hierarchy throughout.
 */
final class CallGraph {

    private final CodeBase code;
    private final CallResolver resolver;
    private final TypeHierarchy types;
    private final CracHooks hooks;
    private final boolean init;
    private final Map<MethodRef, MethodRef> reachedFrom = new LinkedHashMap<>();
    private final Map<MethodRef, Set<MethodRef>> callers = new HashMap<>();
    private final Set<String> initialisedClasses = new HashSet<>();
    private final Deque<MethodRef> queue = new ArrayDeque<>();
    /** The first init method seen starting a dependency-injection container, if any. */
    private MethodRef container;
    /** Own classes init creates instances of, in the order found. */
    private final List<String> instantiated = new ArrayList<>();
    private final Set<String> instantiatedSet = new HashSet<>();
    /** Init roots whose receiver outlives init: handlers, beans, their dependencies, CRaC resources. */
    private final Set<MethodRef> retained = new HashSet<>();
    private boolean containerBuilt;
    /** Virtual calls met in init, re-dispatched as more classes get instantiated. */
    private final List<VirtualCall> virtualCalls = new ArrayList<>();

    /** A virtual call site, with how many instantiated classes it has been dispatched to already. */
    private static final class VirtualCall {
        final MethodInsnNode call;
        final MethodRef caller;
        int dispatched;
        boolean fellBack;

        VirtualCall(MethodInsnNode call, MethodRef caller) {
            this.call = call;
            this.caller = caller;
        }
    }

    private CallGraph(CodeBase code, CallResolver resolver, CracHooks hooks, boolean init) {
        this.code = code;
        this.resolver = resolver;
        this.types = resolver.types();
        this.hooks = hooks;
        this.init = init;
    }

    static CallGraph forInit(CodeBase code, CallResolver resolver, CracHooks hooks, HandlerSelection handlers) {
        CallGraph graph = new CallGraph(code, resolver, hooks, true);
        for (String type : handlers.classes()) {
            graph.initialise(type, null);
            code.ownClass(type).filter(HandlerLocator::isConcrete).ifPresent(node -> graph.construct(node, null));
        }
        graph.drain();
        if (handlers.containerStarted()) {
            graph.startContainer(null);
        }
        graph.constructDependencies();
        return graph;
    }

    /** Plain reachability, for what the afterRestore hooks run. */
    static CallGraph from(CodeBase code, CallResolver resolver, CracHooks hooks, List<MethodRef> roots) {
        CallGraph graph = new CallGraph(code, resolver, hooks, false);
        roots.forEach(root -> graph.reach(root, null));
        graph.drain();
        return graph;
    }

    Set<MethodRef> methods() {
        return Collections.unmodifiableSet(reachedFrom.keySet());
    }

    boolean contains(MethodRef method) {
        return reachedFrom.containsKey(method);
    }

    Set<MethodRef> callers(MethodRef method) {
        return callers.getOrDefault(method, Set.of());
    }

    /** How init reaches the method: {@code example.Handler.<init> -> example.Ids.newId()}. */
    List<String> path(MethodRef method) {
        List<String> path = new ArrayList<>();
        Set<MethodRef> seen = new HashSet<>();
        for (MethodRef step = method; step != null && seen.add(step); step = reachedFrom.get(step)) {
            path.add(step.readable());
        }
        Collections.reverse(path);
        return path;
    }

    /** The method's receiver is an object init keeps (so what it stores in its own fields is kept too). */
    boolean retainsReceiver(MethodRef method) {
        MethodNode node = code.method(method);
        return retained.contains(method) && node != null && (node.access & Opcodes.ACC_STATIC) == 0;
    }

    /**
     * An init root that a runtime or framework calls with arguments of its own making: a constructor or injected
     * method with parameters that no analysed code calls. Lambda itself only calls no-argument constructors, so
     * such a handler constructor is called by a dependency-injection framework.
     */
    boolean isInjectionPoint(MethodRef method) {
        return retained.contains(method) && callers(method).isEmpty() && !method.desc().startsWith("()")
                && !hooks.isBeforeCheckpoint(method);
    }

    /** The container builds its beans during init, from where init started it (null: the runtime did). */
    private void startContainer(MethodRef starter) {
        if (containerBuilt) {
            return;
        }
        containerBuilt = true;
        ManagedBeans.roots(code).forEach(root -> {
            initialise(root.owner(), starter);
            instantiate(root.owner());
            retained.add(root);
            reach(root, starter);
        });
        drain();
    }

    /**
     * What a framework builds to hand to the retained objects: the own classes their injection points take and
     * their fields' types when the container fills the field or no code of the package writes it.
     */
    private void constructDependencies() {
        Set<String> done = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            if (container != null) {
                startContainer(container);
            }
            for (String type : Dependencies.of(code, this, Set.copyOf(retained))) {
                Optional<ClassNode> node = code.ownClass(type).filter(HandlerLocator::isConcrete);
                if (done.add(type) && node.isPresent()) {
                    initialise(type, null);
                    construct(node.get(), null);
                    grew = true;
                }
            }
            drain();
        }
    }

    private void construct(ClassNode node, MethodRef from) {
        instantiate(node.name);
        for (MethodRef ctor : constructors(node)) {
            retained.add(ctor);
            reach(ctor, from);
        }
    }

    private List<MethodRef> constructors(ClassNode node) {
        return node.methods.stream().filter(m -> m.name.equals(MethodRef.CONSTRUCTOR))
                .map(m -> new MethodRef(node.name, m.name, m.desc)).toList();
    }

    private void reach(MethodRef method, MethodRef from) {
        if (init && hooks.isAfterRestore(method)) {
            return;
        }
        if (from != null) {
            callers.computeIfAbsent(method, k -> new HashSet<>()).add(from);
        }
        if (!reachedFrom.containsKey(method)) {
            reachedFrom.put(method, from);
            queue.add(method);
        }
    }

    /** Initialising a class runs its superclasses' static initialisers and then its own. */
    private void initialise(String type, MethodRef from) {
        for (String current = type; current != null && code.isOwn(current) && initialisedClasses.add(current); ) {
            MethodRef clinit = MethodRef.staticInit(current);
            if (code.method(clinit) != null) {
                reach(clinit, from);
            }
            current = code.ownClass(current).orElseThrow().superName;
        }
    }

    private void drain() {
        do {
            drainQueue();
        } while (init && dispatchVirtualCalls());
    }

    private void instantiate(String type) {
        if (code.isOwn(type) && instantiatedSet.add(type)) {
            instantiated.add(type);
        }
    }

    /** Sends each virtual call to the classes instantiated since it was last dispatched; true if anything new. */
    private boolean dispatchVirtualCalls() {
        int before = reachedFrom.size();
        for (int i = 0; i < virtualCalls.size(); i++) {
            VirtualCall site = virtualCalls.get(i);
            for (; site.dispatched < instantiated.size(); site.dispatched++) {
                String type = instantiated.get(site.dispatched);
                if (types.isSubtype(type, site.call.owner)) {
                    resolver.resolveUpwards(type, site.call.name, site.call.desc)
                            .ifPresent(target -> reach(target, site.caller));
                }
            }
        }
        if (reachedFrom.size() == before) {
            // Calls on own types init never instantiates: the receivers came from elsewhere, take every override.
            for (VirtualCall site : virtualCalls) {
                if (!site.fellBack && code.isOwn(site.call.owner)
                        && instantiated.stream().noneMatch(type -> types.isSubtype(type, site.call.owner))) {
                    site.fellBack = true;
                    resolver.resolve(site.call).forEach(target -> reach(target, site.caller));
                }
            }
        }
        return reachedFrom.size() != before || !queue.isEmpty();
    }

    private void drainQueue() {
        while (!queue.isEmpty()) {
            MethodRef method = queue.poll();
            MethodNode node = code.method(method);
            if (node == null) {
                continue;
            }
            for (AbstractInsnNode insn : node.instructions) {
                visit(method, insn);
            }
            if (init && method.isConstructor() && hooks.isResource(method.owner())) {
                // A resource built during init is registered then, so its checkpoint hook runs before the snapshot.
                code.ownClass(method.owner()).ifPresent(owner -> owner.methods.stream()
                        .map(m -> new MethodRef(owner.name, m.name, m.desc))
                        .filter(hooks::isBeforeCheckpoint)
                        .forEach(hook -> {
                            retained.add(hook);
                            reach(hook, method);
                        }));
            }
        }
    }

    private void visit(MethodRef method, AbstractInsnNode insn) {
        if (insn instanceof MethodInsnNode call) {
            boolean virtual = call.getOpcode() == Opcodes.INVOKEVIRTUAL
                    || call.getOpcode() == Opcodes.INVOKEINTERFACE;
            if (init && virtual) {
                virtualCalls.add(new VirtualCall(call, method));
            } else {
                resolver.resolve(call).forEach(target -> reach(target, method));
            }
            if (init && (call.getOpcode() == Opcodes.INVOKESTATIC
                    || call.getOpcode() == Opcodes.INVOKESPECIAL && call.name.equals(MethodRef.CONSTRUCTOR))) {
                initialise(call.owner, method);
            }
            if (init && container == null && ManagedBeans.startsContainer(call)) {
                container = method;
            }
        } else if (init && insn instanceof FieldInsnNode field) {
            if (field.getOpcode() == Opcodes.GETSTATIC || field.getOpcode() == Opcodes.PUTSTATIC) {
                initialise(field.owner, method);
            }
            if (field.getOpcode() == Opcodes.GETSTATIC || field.getOpcode() == Opcodes.GETFIELD) {
                // A lambda kept in a field runs when init reads the field to call it.
                resolver.fieldLambdas(types.field(field.owner, field.name)).forEach(body -> reach(body, method));
            }
        } else if (init && insn instanceof TypeInsnNode type && type.getOpcode() == Opcodes.NEW) {
            initialise(type.desc, method);
            instantiate(type.desc);
        } else if (insn instanceof InvokeDynamicInsnNode indy && !(init && CallResolver.keptInField(indy))) {
            resolver.lambdaBody(indy).ifPresent(body -> reach(body, method));
        }
    }
}
