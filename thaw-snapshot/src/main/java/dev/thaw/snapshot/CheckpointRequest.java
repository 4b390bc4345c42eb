package dev.thaw.snapshot;

import java.nio.file.Path;
import java.util.Map;

/**
 * @param pid            host pid of the root of the tree to checkpoint (the environment's JVM)
 * @param imageDir       empty directory that receives the image
 * @param externalMounts mounts inside the environment whose source is supplied anew at each restore:
 *                       mount point inside the environment (e.g. /tmp) to a key naming it in {@link RestoreRequest}
 * @param uid            the tree's (unprivileged) user: the engine reads its resource limits as that user would
 * @param gid            the tree's group
 * @param pipes          the root's pipes that restored copies get anew
 */
public record CheckpointRequest(long pid, Path imageDir, Map<String, String> externalMounts, int uid, int gid,
                                StdioPipes pipes) {
}
