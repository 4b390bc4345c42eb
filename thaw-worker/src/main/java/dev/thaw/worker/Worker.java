package dev.thaw.worker;

/**
 * Runs invocations in execution environments: reuses idle ones, starts new ones on demand, enforces the
 * concurrency limits, timeouts and memory, and writes the function logs.
 */
public interface Worker extends AutoCloseable {

    /** Runs one invocation synchronously in an environment of {@code spec}'s function version. */
    InvokeResult invoke(FunctionSpec spec, InvokeInput input) throws ThrottledException;

    /** Sets (or, with null, removes) a function's reserved concurrency. 0 throttles every invocation. */
    void setReservedConcurrency(String functionName, Integer reserved);

    /** Stops every environment of the function, or of one version of it when version is not null. */
    void discard(String functionName, String version);

    /** The function's log, oldest first (what {@code thaw logs} prints). */
    String readLog(String functionName);

    @Override
    void close();
}
