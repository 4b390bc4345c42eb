package dev.thaw.snapshot;

import java.util.Optional;

/**
 * Checkpoints the process tree of one execution environment into an image directory and restores copies of it.
 * CRIU is the engine; the interface stays this small so that another could stand beside it.
 */
public interface SnapshotEngine {

    /** Why this engine cannot work on this host (not root, CRIU missing or failing its check), or empty. */
    Optional<String> unavailableReason();

    /** Identifies the engine build; snapshots taken by another build are re-created. */
    String fingerprint();

    /**
     * Checkpoints the tree rooted at {@code request.pid()}; the tree is gone afterwards, whatever the outcome.
     * The root's fds named by {@code request.pipes()} must be pipes: they are recorded so that a restore can bind
     * new ones.
     */
    void checkpoint(CheckpointRequest request) throws SnapshotException;

    /**
     * The files of an image (by name) that a lazy restore reads only in part: they may be left partial on disk
     * ({@link RestoreRequest#partial}).
     */
    boolean readsInPart(String file);

    /**
     * Restores a new copy of an image. The pipes its checkpoint recorded are the stdin, stdout and stderr of the
     * returned process handle; it is running when this returns.
     */
    RestoredProcess restore(RestoreRequest request) throws SnapshotException;
}
