package example.hostile;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code open-files}: opens one file in /tmp {@code "count"} times (2000 by default), then closes them. Escaped
 * when the descriptors held at once, the JVM's own included, exceeded 1024. {@code "recovered"} says whether a file
 * could be opened again afterwards.
 */
final class OpenFiles implements Attempt {

    private static final int DESCRIPTOR_LIMIT = 1024;
    private static final int ROOM_TO_COUNT = 4;
    private static final Path DESCRIPTORS = Path.of("/proc/self/fd");

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
        int held;
        try {
            for (int i = 0; i < count; i++) {
                open.add(FileChannel.open(file, StandardOpenOption.READ));
            }
        } catch (IOException e) {
            // Nothing that loads a class until descriptors are free again: loading one takes a descriptor.
            refused = e;
        } finally {
            // Counted while they are open (the JVM's own come and go), less a few closed to make room for the listing.
            int closed = Math.min(ROOM_TO_COUNT, open.size());
            for (int i = 0; i < closed; i++) {
                close(open.get(open.size() - 1 - i));
            }
            held = descriptors() + closed;
            for (FileChannel channel : open) {
                close(channel);
            }
        }
        String failure = refused == null ? null : Failures.describe(refused);
        boolean recovered = opensAgain(file);
        delete(file);
        return Outcome.of(held > DESCRIPTOR_LIMIT, "opened " + open.size() + " of " + count + " beside the JVM's "
                        + before + " descriptors: " + held + " held at once"
                        + (failure == null ? "" : "; then " + failure))
                .with("opened", open.size())
                .with("before", before)
                .with("held", held)
                .with("error", failure)
                .with("recovered", recovered);
    }

    /** The descriptors this process holds, not counting those that list them (they point at the listed directory). */
    private static int descriptors() {
        String[] fds = DESCRIPTORS.toFile().list();
        if (fds == null) {
            throw new IllegalStateException("cannot list " + DESCRIPTORS);
        }
        int held = 0;
        for (String fd : fds) {
            try {
                String target = Files.readSymbolicLink(DESCRIPTORS.resolve(fd)).toString();
                if (!(target.startsWith("/proc/") && target.endsWith("/fd"))) {
                    held++;
                }
            } catch (IOException e) {
                // Closed since it was listed.
            }
        }
        return held;
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
