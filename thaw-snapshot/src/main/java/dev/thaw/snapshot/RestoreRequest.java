package dev.thaw.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * @param imageDir        an image written by {@link SnapshotEngine#checkpoint}; never modified by a restore
 * @param externalMounts  key (as given at checkpoint) to the host directory bound there in this copy
 * @param cgroupProcs     the procs file of the cgroup the copy is accounted in, which the engine joins before it
 *                        restores anything; empty for none
 * @param workDir         a directory private to this restore, for the engine's logs and pid file
 * @param timeout         how long the engine may take before the copy is running; it is killed after that
 */
public record RestoreRequest(Path imageDir, Map<String, Path> externalMounts, Optional<Path> cgroupProcs,
                             Path workDir, Duration timeout) {
}
