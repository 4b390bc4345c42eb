package dev.thaw.worker.logs;

/**
 * What a cold start adds to an invocation's REPORT line: the Init Duration of an environment started on demand, or
 * the Restore Duration of one restored from a SnapStart snapshot, whose billed part is the runtime's own restore
 * work (the afterRestore hooks), as Lambda bills it.
 *
 * @param millis       Init Duration, or Restore Duration
 * @param restored     whether the environment was restored from a snapshot
 * @param billedMillis   for a restore: the part billed (Billed Restore Duration, added to Billed Duration)
 * @param restoreFailure for an init that replaced a failed restore: why the snapshot could not be restored
 */
public record ColdStart(double millis, boolean restored, double billedMillis, String restoreFailure) {

    public static ColdStart init(double millis) {
        return new ColdStart(millis, false, 0, null);
    }

    /** An on-demand init after the snapshot could not be restored: REPORT says so. */
    public static ColdStart initAfterFailedRestore(double millis, String why) {
        return new ColdStart(millis, false, 0, why);
    }

    public static ColdStart restore(double millis, double billedMillis) {
        return new ColdStart(millis, true, billedMillis, null);
    }
}
