package example.hostile;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * {@code fill-tmp}: writes {@code "mb"} MiB (600 by default) to one file in /tmp, then deletes it. Escaped when more
 * than {@code "limitMb"} (the function's EphemeralStorage, 512 by default) could be written. {@code "recovered"}
 * says whether /tmp takes a small file again afterwards.
 */
final class FillTmp implements Attempt {

    private static final int MIB = 1 << 20;

    @Override
    public Outcome run(Input input) {
        long mb = input.number("mb", 600);
        long limitMb = input.number("limitMb", 512);
        Path file = Path.of("/tmp", "thaw-hostile-fill-" + UUID.randomUUID());
        ByteBuffer chunk = ByteBuffer.allocate(MIB);
        for (int i = 0; i < MIB; i++) {
            chunk.put(i, (byte) (i * 31 + 7));
        }
        long written = 0;
        String failure = null;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (written < mb * MIB) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    written += channel.write(chunk);
                }
            }
        } catch (IOException e) {
            failure = Failures.describe(e);
        } finally {
            delete(file);
        }
        boolean recovered = writesAgain();
        return Outcome.of(written > limitMb * MIB, "wrote " + written / MIB + " MiB of " + mb + " to /tmp (limit "
                        + limitMb + ")" + (failure == null ? "" : "; then " + failure))
                .with("bytes", written)
                .with("error", failure)
                .with("recovered", recovered);
    }

    private static boolean writesAgain() {
        Path file = Path.of("/tmp", "thaw-hostile-again-" + UUID.randomUUID());
        try {
            Files.write(file, new byte[64 * 1024], StandardOpenOption.CREATE_NEW);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            delete(file);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete " + file, e);
        }
    }
}
