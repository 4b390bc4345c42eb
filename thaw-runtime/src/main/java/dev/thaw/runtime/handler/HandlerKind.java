package dev.thaw.runtime.handler;

import java.util.Optional;

/** One way of writing a Lambda handler: recognises a handler class and adapts it to a {@link HandlerAdapter}. */
interface HandlerKind {

    /**
     * Returns the adapter for {@code handlerClass::methodName}, creating the handler instance if the kind
     * needs one, or empty when the class is not a handler of this kind.
     *
     * @throws ReflectiveOperationException when the handler cannot be instantiated; a constructor's own
     *                                      exception arrives wrapped in an InvocationTargetException
     */
    Optional<HandlerAdapter> adapt(Class<?> handlerClass, String methodName) throws ReflectiveOperationException;
}
