package dev.thaw.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A worker's hold on its data directory: one worker at a time, since at start a worker removes what a dead one
 * left there (environment directories, cgroups, volumes). The kernel drops the lock when the process dies.
 */
final class DataDirectoryLock implements AutoCloseable {

    private static final String FILE = "worker.lock";

    private final FileChannel channel;

    private DataDirectoryLock(FileChannel channel) {
        this.channel = channel;
    }

    /** @throws IllegalStateException when another worker, in this process or another, holds it */
    static DataDirectoryLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (channel.tryLock() == null) {
                throw new OverlappingFileLockException();
            }
            return new DataDirectoryLock(channel);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw new IllegalStateException("another Thaw server uses the data directory " + dataDir, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing was held.
            }
        }
    }

    /** Idempotent. */
    @Override
    public void close() {
        try {
            // Closing the channel releases the lock.
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
