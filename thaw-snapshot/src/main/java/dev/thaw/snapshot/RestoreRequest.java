package dev.thaw.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * @param imageDir        an image written by {@link SnapshotEngine#checkpoint}; never modified by a restore
 * @param externalMounts  key (as given at checkpoint) to the host directory bound there in this copy
 * @param launchPrefix    a command that runs the engine's restore command given after it, e.g. a prologue that
 *                        joins the copy's cgroup first so the restored tree is accounted there; empty for none
 * @param workDir         a directory private to this restore, for the engine's logs and pid file
 * @param timeout         how long the engine may take before the copy is running; it is killed after that
 */
public record RestoreRequest(Path imageDir, Map<String, Path> externalMounts, List<String> launchPrefix,
                             Path workDir, Duration timeout) {
}
