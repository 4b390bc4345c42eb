package dev.thaw.runtime.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Optional;

/** {@code RequestStreamHandler}: the event bytes in, whatever the handler writes out, untouched. */
final class RequestStreamHandlerKind implements HandlerKind {

    @Override
    public Optional<HandlerAdapter> adapt(Class<?> handlerClass, String methodName) throws ReflectiveOperationException {
        if (!HandlerName.DEFAULT_METHOD.equals(methodName) || !RequestStreamHandler.class.isAssignableFrom(handlerClass)) {
            return Optional.empty();
        }
        RequestStreamHandler handler = (RequestStreamHandler) HandlerInstances.create(handlerClass);
        return Optional.of((event, context) -> {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(event), output, context);
            return output.toByteArray();
        });
    }
}
