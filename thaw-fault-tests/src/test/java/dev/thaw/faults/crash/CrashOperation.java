package dev.thaw.faults.crash;

import java.time.Duration;

/** What is in flight when the server is killed, and how long after sending it the kill may come at the latest. */
enum CrashOperation {
    /** A SnapStart publish: the kill lands in the init, the checkpoint or the storing of the snapshot. */
    PUBLISH(Duration.ofMillis(4_000)),
    UPDATE_CODE(Duration.ofMillis(600)),
    UPDATE_CONFIGURATION(Duration.ofMillis(300)),
    DELETE(Duration.ofMillis(300)),
    /** An invocation of $LATEST or of a published version: the kill lands in the cold start or the invoke. */
    INVOKE(Duration.ofMillis(2_500));

    final Duration latestKill;

    CrashOperation(Duration latestKill) {
        this.latestKill = latestKill;
    }
}
