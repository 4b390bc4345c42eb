package dev.thaw.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/** Operator-supplied master key files, as workers sharing one durable tier need. */
final class TestKeys {
    private TestKeys() {
    }

    static Path write(Path file) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.createDirectories(file.getParent());
        return Files.write(file, key);
    }
}
