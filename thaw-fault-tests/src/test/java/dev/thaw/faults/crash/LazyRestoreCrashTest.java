package dev.thaw.faults.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.it.ExamplePackages;
import dev.thaw.it.ThawServerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;

/**
 * A server killed while a lazily restored copy's memory is still loading: the copy must never run on the pages it
 * lacks (they would read as zeros), so it waits for them until a server starting on the data directory ends it.
 */
class LazyRestoreCrashTest {

    private static final String FUNCTION = "lazy-crash";

    @RegisterExtension
    final CrashServer servers = new CrashServer();

    @Test
    void aCopyWhoseServerDiedWaitsForItsPagesInsteadOfReadingZeros() throws Exception {
        LambdaClient client = servers.start("lazy").client();
        client.createFunction(r -> r.functionName(FUNCTION).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.HeapCheck").memorySize(1024).timeout(60)
                .environment(e -> e.variables(Map.of("HEAP_MB", "128")))
                .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))
                .code(c -> c.zipFile(ExamplePackages.jar())));
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(FUNCTION));
        String version = client.publishVersion(r -> r.functionName(FUNCTION)).version();
        client.waiter().waitUntilPublishedVersionActive(r -> r.functionName(FUNCTION).qualifier(version));

        // The copy's first invocation sleeps before it reads its heap; its heap is not in yet when the server dies.
        long logStart = servers.logSize();
        try (ExecutorService caller = Executors.newSingleThreadExecutor()) {
            caller.submit(() -> client.invoke(r -> r.functionName(FUNCTION + ":" + version)
                    .payload(SdkBytes.fromUtf8String("{\"millis\":2000}"))));
            servers.awaitInLog(logStart, "restored environment");
            servers.awaitLogged(FUNCTION, "sleeping");
            long serverPid = servers.server().pid();
            servers.server().kill();
            // The copy wakes up and reads its heap meanwhile: it must neither get through with zeros nor crash on
            // them, but wait.
            Thread.sleep(6000);
            assertNotEquals("corrupt", verdicts(servers.dataDir()), "a copy read pages its dead server never served");
            assertTrue(threadsWaitingForPages(serverPid) > 0, "the copy waits for its pages");
            caller.shutdownNow();
        }

        String answer = servers.restart().client().invoke(r -> r.functionName(FUNCTION + ":" + version)
                .payload(SdkBytes.fromUtf8String("{\"millis\":0}"))).payload().asUtf8String();
        assertEquals("\"intact\"", answer);
    }

    /** What copies left in their /tmp volumes: "corrupt" if any says so, else "intact" or "none". */
    private static String verdicts(Path dataDir) throws Exception {
        String verdict = "none";
        try (Stream<Path> volumes = Files.list(dataDir.resolve("tmp-volumes"))) {
            for (Path volume : volumes.toList()) {
                Path file = volume.resolve("heap-check");
                if (Files.isRegularFile(file)) {
                    verdict = Files.readString(file, StandardCharsets.UTF_8);
                    if (verdict.equals("corrupt")) {
                        return verdict;
                    }
                }
            }
        }
        return verdict;
    }

    /**
     * Threads of the environments of the worker that was process {@code workerPid} (by their cgroups) that wait in
     * the kernel for a userfaultfd to serve their page.
     */
    private static long threadsWaitingForPages(long workerPid) throws Exception {
        String prefix = "thaw-worker-" + workerPid + "-";
        Set<String> pids = new HashSet<>();
        try (Stream<Path> dirs = Files.find(Path.of("/sys/fs/cgroup"), 8, (path, attributes) ->
                attributes.isDirectory() && path.getFileName().toString().startsWith(prefix))) {
            for (Path worker : dirs.toList()) {
                try (Stream<Path> procs = Files.find(worker, 2, (path, attributes) ->
                        path.getFileName().toString().equals("cgroup.procs") && !path.getParent().equals(worker))) {
                    for (Path file : procs.toList()) {
                        Files.readAllLines(file).stream().filter(line -> !line.isBlank()).forEach(pids::add);
                    }
                }
            }
        }
        long waiting = 0;
        for (String pid : pids) {
            try (Stream<Path> threads = Files.list(Path.of("/proc", pid, "task"))) {
                for (Path thread : threads.toList()) {
                    if (Files.readString(thread.resolve("wchan")).equals("handle_userfault")) {
                        waiting++;
                    }
                }
            }
        }
        return waiting;
    }
}
