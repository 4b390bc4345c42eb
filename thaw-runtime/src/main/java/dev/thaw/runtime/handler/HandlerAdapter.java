package dev.thaw.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;

/** A function's handler, whatever its kind, seen as Lambda sees it: event bytes in, response bytes out. */
@FunctionalInterface
public interface HandlerAdapter {

    /** Runs one invocation; throws whatever the function threw. */
    byte[] invoke(byte[] event, Context context) throws Throwable;
}
