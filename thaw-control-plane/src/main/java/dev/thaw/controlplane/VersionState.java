package dev.thaw.controlplane;

/**
 * A version's lifecycle as Lambda reports it: {@code State} (Pending, Active, Inactive, Failed) with its reason, and
 * the outcome of the last update ({@code LastUpdateStatus}: InProgress, Successful, Failed) with its reason. Reasons
 * are null when there is nothing to explain; codes are values of the model's StateReasonCode and
 * LastUpdateStatusReasonCode enums.
 */
public record VersionState(String state, String stateReason, String stateReasonCode, String lastUpdateStatus,
                           String lastUpdateStatusReason, String lastUpdateStatusReasonCode) {

    public static final String PENDING = "Pending";
    public static final String ACTIVE = "Active";
    public static final String INACTIVE = "Inactive";
    public static final String FAILED = "Failed";

    private static final String IN_PROGRESS = "InProgress";
    private static final String SUCCESSFUL = "Successful";

    /** A ready version, and what every version stored before states were recorded is. */
    public static VersionState active() {
        return new VersionState(ACTIVE, null, null, SUCCESSFUL, null, null);
    }

    /** A SnapStart version just published: its snapshot is being created. */
    public static VersionState creating() {
        return new VersionState(PENDING, "The function is being created.", "Creating", IN_PROGRESS,
                "The function is being created.", "Creating");
    }

    /** Not invoked for the inactivity period: the snapshot is gone until the next invocation re-creates it. */
    public static VersionState idle() {
        return new VersionState(INACTIVE, "The function is inactive because it was not invoked for a long time. "
                + "It is restored when it is next invoked.", "Idle", SUCCESSFUL, null, null);
    }

    /** An inactive version whose snapshot is being created again; the last update's outcome stays as it was. */
    public VersionState restoring() {
        return new VersionState(PENDING, "The function is being restored.", "Restoring", lastUpdateStatus,
                lastUpdateStatusReason, lastUpdateStatusReasonCode);
    }

    /** The snapshot exists: Active, and a publish in progress has succeeded. */
    public VersionState activated() {
        return inProgress() ? active()
                : new VersionState(ACTIVE, null, null, lastUpdateStatus, lastUpdateStatusReason,
                        lastUpdateStatusReasonCode);
    }

    /** The snapshot could not be created; a publish in progress has failed for the same reason. */
    public VersionState failed(String reasonCode, String reason) {
        return inProgress() ? new VersionState(FAILED, reason, reasonCode, FAILED, reason, reasonCode)
                : new VersionState(FAILED, reason, reasonCode, lastUpdateStatus, lastUpdateStatusReason,
                        lastUpdateStatusReasonCode);
    }

    public boolean is(String expected) {
        return expected.equals(state);
    }

    private boolean inProgress() {
        return IN_PROGRESS.equals(lastUpdateStatus);
    }
}
