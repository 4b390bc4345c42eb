package dev.thaw.runtime.handler;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.thaw.runtime.serde.InputDecoder;
import dev.thaw.runtime.serde.InputDecoders;
import dev.thaw.runtime.serde.OutputEncoder;
import java.util.Optional;

/** {@code RequestHandler<I, O>}: the event read as {@code I} (resolved through the class hierarchy), the result written as JSON. */
final class RequestHandlerKind implements HandlerKind {

    @Override
    @SuppressWarnings("unchecked")
    public Optional<HandlerAdapter> adapt(Class<?> handlerClass, String methodName) throws ReflectiveOperationException {
        if (!HandlerName.DEFAULT_METHOD.equals(methodName) || !RequestHandler.class.isAssignableFrom(handlerClass)) {
            return Optional.empty();
        }
        InputDecoder input = InputDecoders.forType(GenericTypes.typeArgument(handlerClass, RequestHandler.class, 0));
        RequestHandler<Object, Object> handler = (RequestHandler<Object, Object>) HandlerInstances.create(handlerClass);
        return Optional.of((event, context) -> OutputEncoder.encode(handler.handleRequest(input.decode(event), context)));
    }
}
