package dev.thaw.worker;

import dev.thaw.runtime.channel.Frame;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/** Finds the packaged thaw-runtime jar that every environment starts, from the runtime classes on our class path. */
public final class RuntimeJar {

    private RuntimeJar() {
    }

    /**
     * The jar holding the runtime classes. It must be the packaged (shaded) jar: a classes directory lacks the
     * runtime's relocated dependencies, so a JVM started on it could not run.
     */
    public static Path locate() {
        CodeSource source = Frame.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            throw new IllegalStateException("cannot tell where the thaw-runtime classes were loaded from");
        }
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bad thaw-runtime location " + source.getLocation(), e);
        }
        if (!Files.isRegularFile(location)) {
            throw new IllegalStateException("the thaw-runtime classes were loaded from " + location
                    + ", not from the packaged thaw-runtime jar");
        }
        return location;
    }
}
