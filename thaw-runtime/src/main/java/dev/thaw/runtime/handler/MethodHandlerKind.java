package dev.thaw.runtime.handler;

import dev.thaw.runtime.serde.InputDecoder;
import dev.thaw.runtime.serde.InputDecoders;
import dev.thaw.runtime.serde.OutputEncoder;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * A plain {@code Class::method} handler, static or instance, with one of the {@link MethodSignature}s. Of
 * several public methods with the name, the one with the most parameters wins, as on Lambda; on a tie, the one
 * declared lowest in the class hierarchy.
 */
final class MethodHandlerKind implements HandlerKind {

    @Override
    public Optional<HandlerAdapter> adapt(Class<?> handlerClass, String methodName) throws ReflectiveOperationException {
        Method method = findMethod(handlerClass, methodName);
        if (method == null) {
            return Optional.empty();
        }
        MethodSignature signature = MethodSignature.of(method.getParameterTypes());
        // A public method of a non-public class is callable on Lambda too.
        method.setAccessible(true);
        Object target = Modifier.isStatic(method.getModifiers()) ? null : HandlerInstances.create(handlerClass);
        InputDecoder input = signature.takesEvent()
                ? InputDecoders.forType(GenericTypes.resolve(method.getGenericParameterTypes()[0], handlerClass))
                : null;
        return Optional.of((event, context) -> {
            ByteArrayOutputStream output = signature.takesStreams() ? new ByteArrayOutputStream() : null;
            Object result;
            try {
                result = method.invoke(target, signature.arguments(event, input, output, context));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return output != null ? output.toByteArray() : OutputEncoder.encode(result);
        });
    }

    private static Method findMethod(Class<?> handlerClass, String methodName) {
        Method best = null;
        for (Method candidate : handlerClass.getMethods()) {
            if (!candidate.getName().equals(methodName) || candidate.isBridge() || candidate.isSynthetic()
                    || MethodSignature.of(candidate.getParameterTypes()) == null) {
                continue;
            }
            if (best == null || candidate.getParameterCount() > best.getParameterCount()
                    || candidate.getParameterCount() == best.getParameterCount()
                    && best.getDeclaringClass() != candidate.getDeclaringClass()
                    && best.getDeclaringClass().isAssignableFrom(candidate.getDeclaringClass())) {
                best = candidate;
            }
        }
        return best;
    }
}
