package dev.thaw.bench;

/**
 * PublishVersion sent until version 1 was Active: init, checkpoint and storing the snapshot, on the server that
 * measured {@code mode}'s restores (their store tiers differ, and so does the writing).
 */
record PublishTime(String function, ColdStartMode mode, double seconds) {
}
