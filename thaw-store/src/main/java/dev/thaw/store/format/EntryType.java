package dev.thaw.store.format;

/** The kinds of file a snapshot keeps. */
public enum EntryType {
    FILE, DIRECTORY, SYMLINK
}
