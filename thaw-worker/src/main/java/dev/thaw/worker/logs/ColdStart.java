package dev.thaw.worker.logs;

/**
 * What a cold start adds to an invocation's REPORT line: the Init Duration of an environment started on demand, or
 * the Restore Duration of one restored from a SnapStart snapshot, whose billed part is the runtime's own restore
 * work (the afterRestore hooks), as Lambda bills it.
 *
 * @param millis       Init Duration, or Restore Duration
 * @param restored     whether the environment was restored from a snapshot
 * @param billedMillis for a restore: the part billed (Billed Restore Duration, added to Billed Duration)
 */
public record ColdStart(double millis, boolean restored, double billedMillis) {

    public static ColdStart init(double millis) {
        return new ColdStart(millis, false, 0);
    }

    public static ColdStart restore(double millis, double billedMillis) {
        return new ColdStart(millis, true, billedMillis);
    }
}
