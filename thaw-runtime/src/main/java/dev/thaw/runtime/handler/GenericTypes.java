package dev.thaw.runtime.handler;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Resolves generic types as a concrete handler class binds them, through abstract base classes and
 * interfaces: {@code class Mine extends Base<Order>} with {@code Base<T> implements RequestHandler<T, String>}
 * takes {@code Order}. A type variable left unbound resolves to its erasure (usually Object).
 */
final class GenericTypes {

    private GenericTypes() {
    }

    /** The {@code index}th type argument of {@code generic}, a supertype of {@code concrete}. */
    static Type typeArgument(Class<?> concrete, Class<?> generic, int index) {
        return resolve(generic.getTypeParameters()[index], concrete);
    }

    /** A type written in {@code concrete} or one of its supertypes (say a method parameter), with its variables bound. */
    static Type resolve(Type type, Class<?> concrete) {
        Map<TypeVariable<?>, Type> bindings = new HashMap<>();
        collectBindings(concrete, bindings, new HashSet<>());
        return substitute(type, bindings);
    }

    private static void collectBindings(Type type, Map<TypeVariable<?>, Type> bindings, Set<Class<?>> seen) {
        Class<?> raw;
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                bindings.putIfAbsent(variables[i], arguments[i]);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return;
        }
        if (!seen.add(raw)) {
            return;
        }
        collectBindings(raw.getGenericSuperclass(), bindings, seen);
        for (Type parent : raw.getGenericInterfaces()) {
            collectBindings(parent, bindings, seen);
        }
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        if (type instanceof TypeVariable<?> variable) {
            Type bound = bindings.get(variable);
            return bound == null ? erasure(variable.getBounds()[0]) : substitute(bound, bindings);
        }
        if (type instanceof WildcardType wildcard) {
            return substitute(wildcard.getUpperBounds()[0], bindings);
        }
        if (type instanceof GenericArrayType array) {
            Type component = substitute(array.getGenericComponentType(), bindings);
            return Array.newInstance(erasure(component), 0).getClass();
        }
        if (type instanceof ParameterizedType parameterized) {
            Type[] arguments = parameterized.getActualTypeArguments().clone();
            for (int i = 0; i < arguments.length; i++) {
                arguments[i] = substitute(arguments[i], bindings);
            }
            return new Parameterized((Class<?>) parameterized.getRawType(), arguments, parameterized.getOwnerType());
        }
        return type;
    }

    private static Class<?> erasure(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    /** A parameterized type with its arguments resolved; the JDK offers no public factory for one. */
    private record Parameterized(Class<?> raw, Type[] arguments, Type owner) implements ParameterizedType {

        @Override
        public Type[] getActualTypeArguments() {
            return arguments.clone();
        }

        @Override
        public Type getRawType() {
            return raw;
        }

        @Override
        public Type getOwnerType() {
            return owner;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof ParameterizedType p && raw.equals(p.getRawType())
                    && Arrays.equals(arguments, p.getActualTypeArguments());
        }

        @Override
        public int hashCode() {
            return raw.hashCode() * 31 + Arrays.hashCode(arguments);
        }

        @Override
        public String toString() {
            return raw.getTypeName() + Arrays.toString(arguments).replace('[', '<').replace(']', '>');
        }
    }
}
