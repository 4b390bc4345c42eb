package dev.thaw.it;

import static dev.thaw.it.Invocations.invoke;
import static dev.thaw.it.Invocations.text;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A data directory under the host's /tmp (what a temporary directory usually is) must work like any other. */
class DataDirectoryTest {

    @RegisterExtension
    static final ThawServerExtension THAW =
            new ThawServerExtension(Path.of(System.getProperty("java.io.tmpdir")), UnaryOperator.identity());

    @Test
    void functionsRunWhenTheDataDirectoryIsUnderTmp() {
        THAW.createFunction("tmp-data-dir", "example.Hello");
        assertEquals("\"Hello, Bob!\"", text(invoke(THAW.client(), "tmp-data-dir", "{\"name\":\"Bob\"}")));
    }
}
