package dev.thaw.crac;

/**
 * A group of resources notified together. A context is itself a resource, so contexts can be nested: its
 * notifications run those of the resources registered with it.
 *
 * @param <R> the kind of resource the context accepts
 */
public abstract class Context<R extends Resource> implements Resource {

    protected Context() {
    }

    /** Notifies the registered resources of the coming checkpoint; their failures are collected as suppressed. */
    @Override
    public abstract void beforeCheckpoint(Context<? extends Resource> context) throws CheckpointException;

    /** Notifies the resources of a restore; their failures are collected as suppressed. */
    @Override
    public abstract void afterRestore(Context<? extends Resource> context) throws RestoreException;

    public abstract void register(R resource);
}
