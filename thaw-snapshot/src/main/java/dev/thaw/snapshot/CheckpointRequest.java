package dev.thaw.snapshot;

import java.nio.file.Path;
import java.util.Map;

/**
 * @param pid            host pid of the root of the tree to checkpoint (the environment's JVM)
 * @param imageDir       empty directory that receives the image
 * @param externalMounts bind mounts inside the environment whose source is supplied anew at each restore:
 *                       mount point inside the environment (e.g. /tmp) to a key naming it in {@link RestoreRequest}
 */
public record CheckpointRequest(long pid, Path imageDir, Map<String, String> externalMounts) {
}
