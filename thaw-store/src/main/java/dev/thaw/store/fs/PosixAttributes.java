package dev.thaw.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/** The attributes a snapshot keeps: the full permission bits (setuid, setgid, sticky included) and mtime. */
final class PosixAttributes {
    private PosixAttributes() {
    }

    static int mode(Path path) throws IOException {
        return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    static void setMode(Path path, int mode) throws IOException {
        Files.setAttribute(path, "unix:mode", mode);
    }

    static long mtimeNanos(FileTime time) {
        return time.to(TimeUnit.NANOSECONDS);
    }

    /** Sets the mtime of path itself, a symlink included, leaving atime alone. */
    static void setMtime(Path path, long nanos) throws IOException {
        Files.getFileAttributeView(path, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setTimes(FileTime.from(nanos, TimeUnit.NANOSECONDS), null, null);
    }
}
