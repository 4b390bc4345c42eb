package dev.thaw.worker;

/**
 * What one worker holds now, for its operator.
 *
 * @param environments          environments whose processes may exist: busy, idle or being stopped
 * @param preparedSnapshotBytes bytes of the decrypted snapshots it keeps ready for restores
 */
public record WorkerFigures(int environments, long preparedSnapshotBytes) {
}
