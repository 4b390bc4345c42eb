package dev.thaw.controlplane;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Unpacks a deployment package, refusing entries that would land outside the target directory or collide with one
 * another (a file where a directory must be, or the reverse): both are bad packages, not failures of the server.
 */
final class ZipUnpacker {

    /** Lambda's limit for the unzipped deployment package. */
    static final long MAX_UNZIPPED_BYTES = 262_144_000L;

    static final String UNZIP_FAILED = "Could not unzip uploaded file. Please check your file, then try to upload again.";

    private ZipUnpacker() {
    }

    /** Unpacks {@code zip} into {@code target}, which must not exist yet. */
    static void unpack(byte[] zip, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toRealPath();
        long total = 0;
        int entries = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries++;
                Path destination = root.resolve(entry.getName()).normalize();
                if (!destination.startsWith(root)) {
                    throw LambdaException.invalidParameter(UNZIP_FAILED);
                }
                if (entry.isDirectory()) {
                    directories(root, destination);
                } else {
                    directories(root, destination.getParent());
                    if (Files.isDirectory(destination, LinkOption.NOFOLLOW_LINKS)) {
                        throw LambdaException.invalidParameter(UNZIP_FAILED);
                    }
                    total += copyLimited(in, destination, MAX_UNZIPPED_BYTES - total);
                }
            }
        } catch (ZipException e) {
            throw LambdaException.invalidParameter(UNZIP_FAILED);
        }
        // ZipInputStream reads anything without a local header as an empty archive.
        if (entries == 0) {
            throw LambdaException.invalidParameter(UNZIP_FAILED);
        }
    }

    /** Creates {@code dir} under {@code root}, unless an earlier entry made a file of it or of one of its parents. */
    private static void directories(Path root, Path dir) throws IOException {
        for (Path path = dir; !path.equals(root); path = path.getParent()) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw LambdaException.invalidParameter(UNZIP_FAILED);
            }
        }
        Files.createDirectories(dir);
    }

    private static long copyLimited(InputStream in, Path destination, long remaining) throws IOException {
        long written = 0;
        byte[] buffer = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(destination)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                written += n;
                if (written > remaining) {
                    throw LambdaException.invalidParameter(
                            "Unzipped size must be smaller than " + MAX_UNZIPPED_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        }
        return written;
    }
}
