package dev.thaw.store.format;

import java.util.List;

/**
 * What a snapshot holds: its files in path order (parents before children) and their chunks.
 *
 * @param chunkSize the plaintext size of every chunk but a file's last one
 */
public record Manifest(int format, String function, String snapshotId, long createdAtMillis, int chunkSize,
                       List<ManifestEntry> entries) {
    public static final int FORMAT = 1;

    public static Manifest of(String function, String snapshotId, List<ManifestEntry> entries) {
        return new Manifest(FORMAT, function, snapshotId, System.currentTimeMillis(), Chunks.SIZE,
                List.copyOf(entries));
    }

    public long rawBytes() {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }
}
