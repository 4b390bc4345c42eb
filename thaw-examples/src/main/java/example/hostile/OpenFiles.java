package example.hostile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code open-files}: opens one file in /tmp {@code "count"} times (2000 by default), then closes them. Escaped
 * when the descriptors held at once, the JVM's own included, exceeded 1024. {@code "recovered"} says whether a file
 * could be opened again afterwards.
 */
final class OpenFiles implements Attempt {

    private static final int DESCRIPTOR_LIMIT = 1024;

    @Override
    public Outcome run(Input input) {
        int count = input.count("count", 2000);
        Path file;
        try {
            file = Files.createTempFile("thaw-hostile-", ".fd");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a file in java.io.tmpdir", e);
        }
        int before = descriptors();
        List<FileChannel> open = new ArrayList<>();
        IOException refused = null;
        try {
            for (int i = 0; i < count; i++) {
                open.add(FileChannel.open(file, StandardOpenOption.READ));
            }
        } catch (IOException e) {
            // Nothing that loads a class until the descriptors are closed again: loading one takes a descriptor.
            refused = e;
        } finally {
            for (FileChannel channel : open) {
                close(channel);
            }
        }
        String failure = refused == null ? null : Failures.describe(refused);
        boolean recovered = opensAgain(file);
        delete(file);
        int held = before + open.size();
        return Outcome.of(held > DESCRIPTOR_LIMIT, "opened " + open.size() + " of " + count + " beside the JVM's "
                        + before + " descriptors" + (failure == null ? "" : "; then " + failure))
                .with("opened", open.size())
                .with("before", before)
                .with("error", failure)
                .with("recovered", recovered);
    }

    /** The descriptors this process holds, not counting the one that lists them. */
    private static int descriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return (int) fds.count() - 1;
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/self/fd", e);
        }
    }

    private static boolean opensAgain(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            throw new IllegalStateException(e);
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
