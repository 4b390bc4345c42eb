package dev.thaw.runtime.handler;

import java.util.List;
import java.util.Optional;

/** Finds the kind of a handler class and adapts it; the kinds are tried in Lambda's order. */
public final class HandlerResolver {

    private static final List<HandlerKind> KINDS =
            List.of(new RequestStreamHandlerKind(), new RequestHandlerKind(), new MethodHandlerKind());

    private HandlerResolver() {
    }

    /**
     * @throws NoSuchMethodException        when no kind fits, with Lambda's message for it
     * @throws ReflectiveOperationException when the handler cannot be instantiated
     */
    public static HandlerAdapter resolve(Class<?> handlerClass, String methodName) throws ReflectiveOperationException {
        for (HandlerKind kind : KINDS) {
            Optional<HandlerAdapter> adapter = kind.adapt(handlerClass, methodName);
            if (adapter.isPresent()) {
                return adapter.get();
            }
        }
        throw new NoSuchMethodException("No public method named " + methodName
                + " with appropriate method signature found on class " + handlerClass.getName());
    }
}
