package dev.thaw.store.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** How files are cut into chunks, and how a chunk is named: the lowercase hex SHA-256 of its plaintext. */
public final class Chunks {
    public static final int SIZE = 512 * 1024;
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private Chunks() {
    }

    /** Receives each chunk of a file in order. */
    @FunctionalInterface
    public interface Sink {
        void accept(byte[] chunk) throws IOException;
    }

    public static String id(byte[] plaintext) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plaintext));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public static boolean isId(String s) {
        return s != null && ID.matcher(s).matches();
    }

    /** Plaintext size of chunk number index of a file of fileSize bytes. */
    public static int sizeOf(long fileSize, int index) {
        return (int) Math.min(SIZE, fileSize - (long) index * SIZE);
    }

    public static int countFor(long fileSize) {
        return (int) ((fileSize + SIZE - 1) / SIZE);
    }

    /** Hands the file to sink in SIZE pieces (the last one shorter), each a fresh array; answers the bytes read. */
    public static long split(Path file, Sink sink) throws IOException {
        long total = 0;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            while (true) {
                byte[] buffer = new byte[SIZE];
                int n = in.readNBytes(buffer, 0, SIZE);
                if (n == 0) {
                    return total;
                }
                total += n;
                sink.accept(n == SIZE ? buffer : Arrays.copyOf(buffer, n));
            }
        }
    }
}
