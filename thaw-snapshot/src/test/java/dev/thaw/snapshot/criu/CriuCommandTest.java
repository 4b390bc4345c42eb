package dev.thaw.snapshot.criu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CriuCommandTest {

    @TempDir
    Path dir;

    @Test
    void aOneLineWrapperIsRunWithoutItsShell() throws IOException {
        Path wrapper = Files.writeString(dir.resolve("criu"), """
                #!/bin/sh
                exec "/opt/c/ld.so" --library-path "/opt/c/lib:/opt/c/lib2" "/opt/c/criu" "$@"
                """);

        CriuCommand criu = new CriuCommand(wrapper.toString());

        assertEquals(List.of("/opt/c/ld.so", "--library-path", "/opt/c/lib:/opt/c/lib2", "/opt/c/criu"),
                criu.program());
        assertEquals(wrapper.toString(), criu.executable());
    }

    @Test
    void unquotedWordsAndOtherScriptsAreRunAsTheyAre() throws IOException {
        Path globbing = Files.writeString(dir.resolve("a"), "#!/bin/sh\nexec /x/*/criu \"$@\"\n");
        Path more = Files.writeString(dir.resolve("b"), "#!/bin/sh\nexport X=1\nexec \"/x/criu\" \"$@\"\n");
        Path expanding = Files.writeString(dir.resolve("c"), "#!/bin/sh\nexec \"$HOME/criu\" \"$@\"\n");

        for (Path script : List.of(globbing, more, expanding)) {
            assertEquals(List.of(script.toString()), new CriuCommand(script.toString()).program(), script.toString());
        }
        assertEquals(List.of("criu"), new CriuCommand("criu").program());
    }

    @Test
    void oneShellJoinsTheCgroupAndMountsTheCacheBeforeCriu() {
        CriuCommand criu = new CriuCommand("criu", List.of("/c/criu"), Optional.of("mount --bind /k /run"));

        List<String> line = criu.line("restore", List.of("-D", "/img"), Optional.of(Path.of("/cg/cgroup.procs")));

        assertEquals(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                "echo $$ > \"$1\" || exit 125; mount --bind /k /run || exit 125; shift; exec \"$@\"", "criu",
                "/cg/cgroup.procs", "/c/criu", "restore", "-D", "/img"), line);
    }

    @Test
    void withoutCgroupOrCacheCriuRunsDirectly() {
        CriuCommand criu = new CriuCommand("criu", List.of("/c/criu"), Optional.empty());

        assertEquals(List.of("/c/criu", "dump", "-t", "1"), criu.line("dump", List.of("-t", "1"), Optional.empty()));
        assertEquals(List.of("/bin/sh", "-c", "echo $$ > \"$1\" || exit 125; shift; exec \"$@\"", "criu", "/p",
                "/c/criu", "restore"), criu.line("restore", List.of(), Optional.of(Path.of("/p"))));
    }
}
