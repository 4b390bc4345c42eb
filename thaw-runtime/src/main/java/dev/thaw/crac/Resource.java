package dev.thaw.crac;

/** Something that must act before the process is checkpointed and after it is restored. */
public interface Resource {

    /** Called before the checkpoint; a throw fails the checkpoint. */
    void beforeCheckpoint(Context<? extends Resource> context) throws Exception;

    /** Called after each restore, in the restored copy; a throw fails the restore. */
    void afterRestore(Context<? extends Resource> context) throws Exception;
}
