package dev.thaw.faults.disk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A size-limited tmpfs of the test's own, mounted for the test class, and a filler file that takes all its space. */
final class SmallFileSystem implements BeforeAllCallback, AfterAllCallback {

    private final Path dir;
    private final String size;

    SmallFileSystem(Path dir, String size) {
        this.dir = dir;
        this.size = size;
    }

    Path dir() {
        return dir;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size, "thaw-fault-disk", dir.toString());
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
        run("umount", "--lazy", dir.toString());
    }

    /** Writes until the file system is full; answers the bytes written. */
    long fill() throws IOException {
        byte[] block = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler())) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException e) {
            if (!e.getMessage().contains("No space left")) {
                throw e;
            }
            return written;
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(filler());
    }

    private Path filler() {
        return dir.resolve("filler");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
