package dev.thaw.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * @param imageDir         an image written by {@link SnapshotEngine#checkpoint}; never modified by a restore
 * @param root             the host directory the copy's root file system is (a bind of) at checkpoint
 * @param externalMounts   key (as given at checkpoint) to the host path bound there in this copy
 * @param networkNamespace the network namespace file the copy joins (the checkpointed tree's own is never kept)
 * @param cgroupProcs      the procs files of the cgroups the copy is accounted in, which the engine joins before it
 *                         restores anything; empty for none
 * @param workDir          a directory private to this restore, for the engine's logs and pid file
 * @param timeout          how long the engine may take before the copy is running; it is killed after that
 * @param memory           how the copy's memory is loaded
 * @param partial          present when files of the image are on disk only in part
 */
public record RestoreRequest(Path imageDir, Path root, Map<String, Path> externalMounts, Path networkNamespace,
                             List<Path> cgroupProcs, Path workDir, Duration timeout, MemoryPlan memory,
                             Optional<PartialImage> partial) {
}
