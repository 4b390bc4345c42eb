package dev.thaw.store.fs;

import dev.thaw.store.format.EntryType;

import java.nio.file.Path;

/**
 * A file found under a snapshot's directory.
 *
 * @param path   relative to the scanned directory, '/'-separated
 * @param source the file itself
 */
public record ScannedEntry(String path, Path source, EntryType type, int mode, long mtimeNanos, String linkTarget) {
}
