package dev.thaw.runtime.init;

import dev.thaw.runtime.error.LambdaError;
import dev.thaw.runtime.error.StackTraces;
import dev.thaw.runtime.handler.HandlerAdapter;
import dev.thaw.runtime.handler.HandlerName;
import dev.thaw.runtime.handler.HandlerResolver;
import java.lang.reflect.InvocationTargetException;

/**
 * The function's init: loads and initialises the handler class (its static init runs here), creates the
 * handler, and reports failures with the messages of Lambda's Java runtime.
 */
public final class FunctionInitializer {

    private FunctionInitializer() {
    }

    /**
     * Initialises the handler named by {@code handler} in {@code loader}, which becomes the thread's context
     * class loader as on Lambda.
     */
    public static HandlerAdapter initialize(String handler, ClassLoader loader) throws InitFailure {
        Thread.currentThread().setContextClassLoader(loader);
        HandlerName name;
        try {
            name = HandlerName.parse(handler);
        } catch (IllegalArgumentException e) {
            throw new InitFailure(new LambdaError(e.getClass().getName(), e.getMessage(), null));
        }
        Class<?> handlerClass = loadClass(name.className(), loader);
        try {
            return HandlerResolver.resolve(handlerClass, name.methodName());
        } catch (InvocationTargetException e) {
            throw failure(e.getCause(), null);
        } catch (NoSuchMethodException e) {
            throw new InitFailure(new LambdaError(e.getClass().getName(), e.getMessage(), null));
        } catch (Throwable t) {
            throw failure(t, null);
        }
    }

    private static Class<?> loadClass(String className, ClassLoader loader) throws InitFailure {
        try {
            return Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new InitFailure(new LambdaError(e.getClass().getName(), "Class not found: " + className, null));
        } catch (ExceptionInInitializerError e) {
            Throwable cause = e.getCause();
            throw failure(e, cause == null ? null : cause.getLocalizedMessage());
        } catch (Throwable t) {
            throw failure(t, "Error loading class " + className
                    + (t.getLocalizedMessage() == null ? "" : ": " + t.getLocalizedMessage()));
        }
    }

    /** An init failure reporting {@code t} with its trace; {@code message} replaces t's own when not null. */
    private static InitFailure failure(Throwable t, String message) {
        StackTraces.trimRuntimeFrames(t);
        return new InitFailure(new LambdaError(t.getClass().getName(),
                message != null ? message : t.getLocalizedMessage(), t));
    }
}
