package dev.thaw.worker;

import dev.thaw.worker.logs.FunctionLogs;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs invocations in execution environments: reuses idle ones, starts new ones on demand, enforces the
 * concurrency limits, timeouts and memory, and writes the function logs.
 */
public interface Worker extends AutoCloseable {

    /**
     * Runs one invocation synchronously in an environment of {@code spec}'s function version; a cold start of a
     * spec with a snapshot restores it.
     *
     * @throws SnapStartRestoreException when a restored copy's afterRestore hooks fail or exceed their limit
     */
    InvokeResult invoke(FunctionSpec spec, InvokeInput input) throws ThrottledException, SnapStartRestoreException;

    /**
     * Initialises a fresh environment of {@code spec} (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start), runs its
     * beforeCheckpoint hooks and checkpoints it, memory and private /tmp, into {@code snapshotDir}; the
     * environment itself is discarded. Blocks until done; function failures are reported in the outcome.
     */
    SnapshotOutcome createSnapshot(FunctionSpec spec, Path snapshotDir) throws InterruptedException;

    /** Why this worker cannot take snapshots here (no usable CRIU, not root, ...), or empty when it can. */
    Optional<String> snapshotsUnavailable();

    /**
     * Identifies what a snapshot of {@code spec} depends on besides the function itself (JDK build, runtime,
     * snapshot engine). A snapshot taken under another fingerprint must be re-created.
     */
    String snapshotFingerprint(FunctionSpec spec);

    /** Tells {@code listener} about snapshots cold starts could not restore, so that new ones can be made. */
    void onSnapshotRejected(SnapshotRejections listener);

    /** Sets (or, with null, removes) a function's reserved concurrency. 0 throttles every invocation. */
    void setReservedConcurrency(String functionName, Integer reserved);

    /**
     * Runs unreserved invocations within part {@code part} (from 0) of {@code parts} of the account's unreserved
     * concurrency: the servers sharing one account's functions each hold a part. Alone, part 0 of 1: the whole.
     */
    void setConcurrencyShare(int part, int parts);

    /** What it holds now: environments and prepared snapshots. */
    WorkerFigures figures();

    /** Stops every environment of the function, or of one version of it when version is not null. */
    void discard(String functionName, String version);

    /**
     * Gets a snapshot ready for restores, so that its first cold start does not fetch it; best effort (a failure is
     * logged), a no-op where snapshots are fetched at every restore. Blocks until done.
     */
    void prepareSnapshot(String functionName, String snapshotId);

    /**
     * Drops the snapshots it keeps ready that {@code live} (function to snapshot ids) does not name, so that those of
     * deleted or replaced versions do not stay on this server.
     */
    void retainSnapshots(Map<String, Set<String>> live);

    /** The functions' log groups, streams and events, and their retention. */
    FunctionLogs logs();

    @Override
    void close();
}
