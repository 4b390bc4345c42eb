package dev.thaw.controlplane;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides whether a version can be invoked now and from which snapshot: Active SnapStart versions restore their
 * snapshot, Pending and Failed ones are refused with the state (and its reason), and an Inactive one is refused with
 * SnapStartNotReadyException while its snapshot is created again. Versions without SnapStart ($LATEST included)
 * always start on demand.
 */
final class SnapStartGate {

    /** How often an invoked version's snapshot is checked against the worker's current fingerprint. */
    private static final Duration FINGERPRINT_CHECK_INTERVAL = Duration.ofMinutes(1);

    private final MetadataStore store;
    private final SnapshotJobs jobs;
    private final LastInvocations invocations;
    private final Map<VersionKey, Long> lastFingerprintCheck = new ConcurrentHashMap<>();

    SnapStartGate(MetadataStore store, SnapshotJobs jobs, LastInvocations invocations) {
        this.store = store;
        this.jobs = jobs;
        this.invocations = invocations;
    }

    /** The id of the snapshot the invocation's cold starts restore, or null to start on demand. */
    String admit(FunctionConfig config) {
        if (!config.snapStartOn()) {
            return null;
        }
        VersionKey version = VersionKey.of(config);
        VersionState state = config.state();
        if (state.is(VersionState.PENDING) || state.is(VersionState.FAILED)) {
            throw notInvocable(state);
        }
        // An Inactive version, or one the inactivity sweep made Inactive since it was read.
        SnapshotRecord snapshot = store.snapshot(version.functionName(), version.version()).orElse(null);
        if (state.is(VersionState.INACTIVE) || snapshot == null) {
            jobs.reactivate(version);
            throw LambdaException.snapStartNotReady();
        }
        invocations.record(version);
        checkFingerprintNowAndThen(version);
        return snapshot.snapshotId();
    }

    private void checkFingerprintNowAndThen(VersionKey version) {
        long now = System.nanoTime();
        Long last = lastFingerprintCheck.get(version);
        if (last == null || now - last > FINGERPRINT_CHECK_INTERVAL.toNanos()) {
            lastFingerprintCheck.put(version, now);
            jobs.submit(version);
        }
    }

    /** Lambda's message for a version that is not Active; a Failed one also says why it failed. */
    private static LambdaException notInvocable(VersionState state) {
        String reason = state.is(VersionState.FAILED)
                ? ". StateReasonCode: " + state.stateReasonCode() + ". StateReason: " + state.stateReason() : "";
        return LambdaException.conflict("The operation cannot be performed at this time. The function is currently "
                + "in the following state: " + state.state() + reason);
    }
}
