package dev.thaw.store.format;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One file of a snapshot.
 *
 * @param path       relative, '/'-separated, no '.' or '..' segments
 * @param mode       POSIX permission bits including setuid, setgid and sticky (07777)
 * @param mtimeNanos modification time, nanoseconds since the epoch
 * @param size       bytes of a regular file; 0 otherwise
 * @param chunks     chunk ids of a regular file in order; empty otherwise
 * @param linkTarget a symlink's target as written; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ManifestEntry(String path, EntryType type, int mode, long mtimeNanos, long size, List<String> chunks,
                            String linkTarget) {
    public static ManifestEntry directory(String path, int mode, long mtimeNanos) {
        return new ManifestEntry(path, EntryType.DIRECTORY, mode, mtimeNanos, 0, List.of(), null);
    }

    public static ManifestEntry file(String path, int mode, long mtimeNanos, long size, List<String> chunks) {
        return new ManifestEntry(path, EntryType.FILE, mode, mtimeNanos, size, List.copyOf(chunks), null);
    }

    public static ManifestEntry symlink(String path, long mtimeNanos, String target) {
        return new ManifestEntry(path, EntryType.SYMLINK, 0777, mtimeNanos, 0, List.of(), target);
    }
}
