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
    void oneShellJoinsTheCgroupsMountsTheCacheAndSetsUpBeforeCriu() {
        CriuCommand criu = new CriuCommand("criu", List.of("/c/criu"), Optional.of("mount --bind /k /run"));

        List<String> line = criu.line("restore", List.of("-D", "/img"),
                List.of(Path.of("/cg/memory/cgroup.procs"), Path.of("/cg/pids/cgroup.procs")),
                List.of("exec 8</n"), List.of());

        assertEquals(List.of("unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                "echo $$ > \"$1\" || exit 125; echo $$ > \"$2\" || exit 125; mount --bind /k /run || exit 125; "
                        + "exec 8</n || exit 125; shift 2; exec \"$@\"", "criu",
                "/cg/memory/cgroup.procs", "/cg/pids/cgroup.procs", "/c/criu", "restore", "-D", "/img"), line);
    }

    @Test
    void withoutCgroupCacheOrSetupCriuRunsDirectly() {
        CriuCommand criu = new CriuCommand("criu", List.of("/c/criu"), Optional.empty());

        assertEquals(List.of("setpriv", "--ruid=7", "--", "/c/criu", "dump", "-t", "1"),
                criu.line("dump", List.of("-t", "1"), List.of(), List.of(), List.of("setpriv", "--ruid=7", "--")));
        assertEquals(List.of("/bin/sh", "-c", "echo $$ > \"$1\" || exit 125; shift 1; exec \"$@\"", "criu", "/p",
                "/c/criu", "restore"), criu.line("restore", List.of(), List.of(Path.of("/p")), List.of(), List.of()));
    }

    @Test
    void quotedWordsReachTheShellAsTheyAre() {
        assertEquals("'/a b/it'\\''s'", CriuCommand.quote("/a b/it's"));
    }
}
