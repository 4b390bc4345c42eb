package dev.thaw.crac;

/** Entry point of the API: the global context, with which functions register their resources. */
public final class Core {

    private static final String NO_CHECKPOINT_ON_REQUEST = "a function cannot request a checkpoint: "
            + "the snapshot of a SnapStart version is taken when the version is published";

    private static final Context<Resource> GLOBAL_CONTEXT = new OrderedContext();

    private Core() {
    }

    /**
     * The context the runtime notifies: before the checkpoint in reverse order of registration, after a restore
     * in order of registration. It references its resources weakly, as jdk.crac's does.
     */
    public static Context<Resource> getGlobalContext() {
        return GLOBAL_CONTEXT;
    }

    /**
     * Always fails, as on Lambda. The reason is also a suppressed {@link UnsupportedOperationException}:
     * {@code org.crac} passes only the suppressed exceptions of a CheckpointException on to its caller.
     */
    public static void checkpointRestore() throws CheckpointException, RestoreException {
        CheckpointException refused = new CheckpointException(NO_CHECKPOINT_ON_REQUEST);
        refused.addSuppressed(new UnsupportedOperationException(NO_CHECKPOINT_ON_REQUEST));
        throw refused;
    }
}
