package dev.thaw.runtime.init;

import dev.thaw.runtime.error.LambdaError;

/** Init could not produce a handler; carries the error reported to the worker in INIT_ERROR. */
public final class InitFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient LambdaError error;

    InitFailure(LambdaError error) {
        super(error.errorMessage(), error.source(), false, false);
        this.error = error;
    }

    public LambdaError error() {
        return error;
    }
}
