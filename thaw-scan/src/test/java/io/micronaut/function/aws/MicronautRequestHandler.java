package io.micronaut.function.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Test stub of Micronaut's Lambda adapter, under its real name: its constructor starts the application context. */
public abstract class MicronautRequestHandler<I, O> implements RequestHandler<I, O> {

    public abstract O execute(I input);

    @Override
    public O handleRequest(I input, Context context) {
        return execute(input);
    }
}
