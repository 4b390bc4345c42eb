package dev.thaw.worker;

/**
 * The result of {@link Worker#createSnapshot}.
 *
 * @param created         true when the snapshot directory now holds a restorable snapshot
 * @param stateReasonCode when not created: the version's StateReasonCode (e.g. FunctionError, InternalError)
 * @param stateReason     when not created: the version's StateReason, a sentence for the user
 * @param log             the environment's init log (kept with the version, readable by the user)
 * @param initMillis      how long init took, beforeCheckpoint hooks included
 */
public record SnapshotOutcome(boolean created, String stateReasonCode, String stateReason, String log,
                              double initMillis) {
}
