package dev.thaw.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import dev.thaw.runtime.serde.InputDecoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The parameter lists a plain {@code Class::method} handler may have, and the arguments each one takes. */
enum MethodSignature {
    NO_ARGUMENTS, EVENT, EVENT_CONTEXT, STREAMS, STREAMS_CONTEXT;

    /** The signature of these parameter types, or null when Lambda cannot call such a method. */
    static MethodSignature of(Class<?>[] parameters) {
        boolean streams = parameters.length >= 2
                && parameters[0] == InputStream.class && parameters[1] == OutputStream.class;
        return switch (parameters.length) {
            case 0 -> NO_ARGUMENTS;
            case 1 -> EVENT;
            case 2 -> streams ? STREAMS : parameters[1] == Context.class ? EVENT_CONTEXT : null;
            case 3 -> streams && parameters[2] == Context.class ? STREAMS_CONTEXT : null;
            default -> null;
        };
    }

    boolean takesEvent() {
        return this == EVENT || this == EVENT_CONTEXT;
    }

    boolean takesStreams() {
        return this == STREAMS || this == STREAMS_CONTEXT;
    }

    /** The call's arguments; {@code input} is used by the event signatures, {@code output} by the stream ones. */
    Object[] arguments(byte[] event, InputDecoder input, OutputStream output, Context context) throws IOException {
        return switch (this) {
            case NO_ARGUMENTS -> new Object[0];
            case EVENT -> new Object[] {input.decode(event)};
            case EVENT_CONTEXT -> new Object[] {input.decode(event), context};
            case STREAMS -> new Object[] {new ByteArrayInputStream(event), output};
            case STREAMS_CONTEXT -> new Object[] {new ByteArrayInputStream(event), output, context};
        };
    }
}
