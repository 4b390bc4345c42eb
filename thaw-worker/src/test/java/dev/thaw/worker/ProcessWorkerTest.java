package dev.thaw.worker;

import dev.thaw.runtime.channel.FrameChannel;
import dev.thaw.store.SnapshotStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.thaw.worker.fixtures.TestFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Real environments: real sandboxed JVMs running the real runtime and the functions in the fixtures package. */
class ProcessWorkerTest {

    static final String HANDLER = TestFunction.class.getName() + "::handleRequest";
    private static final Pattern REPORT = Pattern.compile(
            "REPORT RequestId: (\\S+)\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: (\\d+) ms\tMemory Size: (\\d+) MB"
                    + "\tMax Memory Used: (\\d+) MB(\tInit Duration: \\d+\\.\\d\\d ms)?.*");
    private static final AtomicInteger FUNCTIONS = new AtomicInteger();
    /** The /opt of functions without layers. */
    private static final Path NO_LAYERS = emptyDirectory();
    private static final String RESPONSE_TOO_LARGE = "{\"errorMessage\":\"Response payload size exceeded maximum "
            + "allowed payload size (6291556 bytes).\",\"errorType\":\"Function.ResponseSizeTooLarge\"}";

    @TempDir
    Path dataDir;

    private ProcessWorker worker;
    private SnapshotStore store;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void closeWorker() {
        if (worker != null) {
            worker.close();
            store.close();
        }
    }

    private ProcessWorker worker(int concurrencyLimit, Duration idleTimeout, Duration initTimeout) {
        worker = new ProcessWorker(WorkerConfig.builder(dataDir, RuntimeJar.locate())
                .concurrencyLimit(concurrencyLimit).idleTimeout(idleTimeout).initTimeout(initTimeout).build(), store = TestStores.open(dataDir), metrics);
        return worker;
    }

    private double environmentsGauge() {
        return metrics.get("thaw.environments").gauge().value();
    }

    private ProcessWorker worker() {
        return worker(10, Duration.ofMinutes(5), null);
    }

    private static String newFunctionName() {
        return "fn-" + ProcessHandle.current().pid() + "-" + FUNCTIONS.incrementAndGet();
    }

    static FunctionSpec spec(String name, String handler, int memoryMb, int timeoutSeconds,
                             Map<String, String> environment) {
        return new FunctionSpec(name, "$LATEST", "rev-1", "arn:aws:lambda:us-east-1:000000000000:function:" + name,
                handler, Path.of(System.getProperty("java.home")), codeDir(), NO_LAYERS, memoryMb, timeoutSeconds, 512,
                environment, "us-east-1", null, null);
    }

    static FunctionSpec spec(String name) {
        return spec(name, HANDLER, 256, 30, Map.of());
    }

    private static Path emptyDirectory() {
        try {
            Path dir = Files.createTempDirectory("thaw-no-layers");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path codeDir() {
        try {
            return Path.of(TestFunction.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvokeInput input(String requestId, String event) {
        return new InvokeInput(requestId, "arn:aws:lambda:us-east-1:000000000000:function:f", event.getBytes(
                StandardCharsets.UTF_8), "");
    }

    private InvokeResult invoke(FunctionSpec spec, String event) throws ThrottledException, SnapStartRestoreException {
        return worker.invoke(spec, input(UUID.randomUUID().toString(), event));
    }

    private static String text(InvokeResult result) {
        return new String(result.payload(), StandardCharsets.UTF_8);
    }

    private static String reportLine(InvokeResult result) {
        return result.log().lines().filter(l -> l.startsWith("REPORT ")).reduce((a, b) -> b).orElseThrow();
    }

    private static boolean memoryCgroupsAvailable() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            if (List.of(line.split(":", 3)[1].split(",")).contains("memory")) {
                return true;
            }
        }
        Path unified = Path.of("/sys/fs/cgroup/cgroup.controllers");
        return Files.exists(unified) && Files.readString(unified).contains("memory");
    }

    @Test
    void coldStartThenWarmStartInTheSameEnvironment() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());

        InvokeResult cold = worker.invoke(spec, input("req-1", "echo:hello"));
        InvokeResult warm = worker.invoke(spec, input("req-2", "echo:again"));

        assertNull(cold.functionError());
        assertEquals("hello", text(cold));
        assertEquals("again", text(warm));
        List<String> coldLines = cold.log().lines().toList();
        assertEquals("START RequestId: req-1 Version: $LATEST", coldLines.getFirst());
        assertTrue(coldLines.contains("echo hello"), cold.log());
        assertTrue(coldLines.indexOf("echo hello") < coldLines.indexOf("END RequestId: req-1"), cold.log());
        var coldReport = REPORT.matcher(coldLines.getLast());
        assertTrue(coldReport.matches(), coldLines.getLast());
        assertEquals("req-1", coldReport.group(1));
        assertEquals("256", coldReport.group(3));
        assertTrue(Integer.parseInt(coldReport.group(4)) > 0, "Max Memory Used");
        assertTrue(coldReport.group(5) != null, "a cold start reports its Init Duration");

        var warmReport = REPORT.matcher(reportLine(warm));
        assertTrue(warmReport.matches(), reportLine(warm));
        assertNull(warmReport.group(5), "a warm start has no Init Duration");
        assertEquals(text(worker.invoke(spec, input("req-3", "instance"))),
                text(worker.invoke(spec, input("req-4", "instance"))));

        String log = worker.logs().read(spec.functionName());
        assertTrue(log.indexOf("START RequestId: req-1") < log.indexOf("END RequestId: req-1"));
        assertTrue(log.indexOf("REPORT RequestId: req-1") < log.indexOf("START RequestId: req-2"));
        assertTrue(log.contains("echo again\n"));
    }

    @Test
    void billedDurationIncludesTheInitOfAColdStart() throws Exception {
        worker();
        InvokeResult cold = invoke(spec(newFunctionName()), "echo:x");
        var report = Pattern.compile("Duration: ([\\d.]+) ms\tBilled Duration: (\\d+) ms.*Init Duration: ([\\d.]+) ms")
                .matcher(reportLine(cold));
        assertTrue(report.find(), reportLine(cold));
        double duration = Double.parseDouble(report.group(1));
        double init = Double.parseDouble(report.group(3));
        assertEquals((long) Math.ceil(duration + init), Long.parseLong(report.group(2)), 1);
    }

    @Test
    void handlerErrorIsUnhandledAndTheEnvironmentIsKept() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());
        String before = text(invoke(spec, "instance"));

        InvokeResult failed = invoke(spec, "fail:boom");

        assertEquals("Unhandled", failed.functionError());
        assertTrue(text(failed).contains("\"errorType\":\"java.lang.IllegalStateException\""), text(failed));
        assertTrue(text(failed).contains("\"errorMessage\":\"boom\""), text(failed));
        assertTrue(failed.log().contains("java.lang.IllegalStateException"), failed.log());
        assertEquals(before, text(invoke(spec, "instance")));
    }

    @Test
    void timeoutKillsTheEnvironmentAndTheNextInvocationWorks() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName(), HANDLER, 256, 1, Map.of());
        String before = text(invoke(spec, "instance"));

        InvokeResult timedOut = worker.invoke(spec, input("req-slow", "sleep:60000"));

        assertEquals("Unhandled", timedOut.functionError());
        assertEquals("{\"errorMessage\":\"RequestId: req-slow Error: Task timed out after 1.00 seconds\","
                + "\"errorType\":\"Sandbox.Timedout\"}", text(timedOut));
        assertTrue(Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+Z req-slow Task timed out after 1\\.00 seconds$")
                .matcher(timedOut.log()).find(), timedOut.log());
        assertTrue(timedOut.log().contains("END RequestId: req-slow"));
        assertEquals(List.of(), SandboxProcesses.awaitNone(spec.functionName()), "the timed-out JVM is killed");

        InvokeResult next = invoke(spec, "instance");
        assertNull(next.functionError());
        assertNotEquals(before, text(next));
    }

    /** A runtime that exits, and one whose channel carries a RESPONSE frame of length -1 (it is then killed). */
    @ParameterizedTest
    @CsvSource({"halt:3, exit status 3", "forge-frame:4fffffffff, signal: killed"})
    void runtimeExitOrBrokenChannelMidInvocationIsAnExitErrorAndTheNextInvocationWorks(String event, String exit)
            throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());
        String before = text(invoke(spec, "instance"));

        InvokeResult crashed = worker.invoke(spec, input("req-crash", event));

        assertEquals("Unhandled", crashed.functionError());
        assertEquals("{\"errorMessage\":\"RequestId: req-crash Error: Runtime exited with error: " + exit + "\","
                + "\"errorType\":\"Runtime.ExitError\"}", text(crashed));
        assertTrue(crashed.log().contains("Runtime exited with error: " + exit), crashed.log());
        assertTrue(reportLine(crashed).startsWith("REPORT RequestId: req-crash"));
        assertTrue(reportLine(crashed).endsWith("\tStatus: error\tError Type: Runtime.ExitError"), reportLine(crashed));
        assertServedByAnotherEnvironment(spec, before, "an environment whose runtime died is never reused");
    }

    @Test
    void exceedingMemorySizeIsKilledAsOutOfMemory() throws Exception {
        assumeTrue(memoryCgroupsAvailable(), "needs a memory cgroup controller");
        worker();
        // Direct buffers are bounded by the cgroup only, not by the heap.
        FunctionSpec spec = spec(newFunctionName(), HANDLER, 128, 30,
                Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxDirectMemorySize=4g"));

        InvokeResult killed = worker.invoke(spec, input("req-oom", "native-oom"));

        assertEquals("Unhandled", killed.functionError());
        assertEquals("{\"errorMessage\":\"RequestId: req-oom Error: Runtime exited with error: signal: killed\","
                + "\"errorType\":\"Runtime.OutOfMemory\"}", text(killed));
        assertTrue(reportLine(killed).contains("\tMemory Size: 128 MB"), reportLine(killed));
        assertNull(invoke(spec, "instance").functionError());
    }

    @Test
    void heapExhaustionAnswersTheErrorAndRetiresTheEnvironment() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName(), HANDLER, 512, 30, Map.of());
        String before = text(invoke(spec, "instance"));

        InvokeResult failed = invoke(spec, "heap-oom");

        assertEquals("Unhandled", failed.functionError());
        assertTrue(text(failed).contains("\"errorType\":\"java.lang.OutOfMemoryError\""), text(failed));
        assertServedByAnotherEnvironment(spec, before, "an environment that ran out of heap is never reused");
    }

    @Test
    void oversizedResponsesAreRejected() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());
        String before = text(invoke(spec, "instance"));

        InvokeResult tooLarge = invoke(spec, "big:" + (6_291_556 + 1));
        InvokeResult atLimit = invoke(spec, "big:" + 6_291_556);

        assertEquals("Unhandled", tooLarge.functionError());
        assertEquals(RESPONSE_TOO_LARGE, text(tooLarge));
        assertNull(atLimit.functionError());
        assertEquals(6_291_556, atLimit.payload().length);
        assertEquals(before, text(invoke(spec, "instance")));

        // Beyond what the channel reads at all: the unread rest of the frame ends the environment.
        InvokeResult beyondTheChannel = invoke(spec, "big:" + (FrameChannel.MAX_FRAME_BYTES + 1));
        assertEquals(RESPONSE_TOO_LARGE, text(beyondTheChannel));
        assertServedByAnotherEnvironment(spec, before, "an environment whose response went unread is never reused");
    }

    @Test
    void outputBehindJavasBackReachesTheLogAndLeavesTheChannelIntact() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());
        String before = text(invoke(spec, "instance"));

        InvokeResult noisy = invoke(spec, "child-output:garbage from a child process");

        assertNull(noisy.functionError(), () -> text(noisy) + noisy.log());
        assertEquals("child exited 0", text(noisy));
        awaitLog(worker, spec.functionName(), "\ngarbage from a child process\n");
        assertEquals(before, text(invoke(spec, "instance")), "stdout closed, the environment still serves");
    }

    @Test
    void initErrorIsUnhandledWithAnInitReport() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName(), "dev.thaw.worker.fixtures.BrokenInitFunction::handleRequest",
                256, 30, Map.of());

        InvokeResult failed = invoke(spec, "instance");

        assertEquals("Unhandled", failed.functionError());
        assertTrue(text(failed).contains("errorType"), text(failed));
        assertTrue(Pattern.compile("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms Phase: init Status: error")
                .matcher(failed.log()).find(), failed.log());
        assertTrue(failed.log().contains("init broke"), failed.log());
        assertEquals(List.of(), SandboxProcesses.awaitNone(spec.functionName()));
    }

    @Test
    void initBeyondTheInitTimeoutGoesOnWithinTheInvocation() throws Exception {
        worker(10, Duration.ofMinutes(5), Duration.ofMillis(500));
        FunctionSpec spec = spec(newFunctionName(), "dev.thaw.worker.fixtures.SlowInitFunction::handleRequest",
                256, 30, Map.of("INIT_SLEEP_MS", "1500"));

        InvokeResult result = invoke(spec, "echo:late");

        assertNull(result.functionError(), text(result));
        assertEquals("late", text(result));
        assertTrue(result.log().contains("INIT_REPORT Init Duration: 500.00 ms Phase: init Status: timeout\n"),
                result.log());
        assertTrue(reportLine(result).contains("\tInit Duration: "), reportLine(result));
    }

    @Test
    void initThatNeverFinishesTimesOutTheInvocation() throws Exception {
        worker(10, Duration.ofMinutes(5), Duration.ofMillis(500));
        FunctionSpec spec = spec(newFunctionName(), "dev.thaw.worker.fixtures.SlowInitFunction::handleRequest",
                256, 1, Map.of("INIT_SLEEP_MS", "60000"));

        InvokeResult result = worker.invoke(spec, input("req-init", "echo:never"));

        assertEquals("{\"errorMessage\":\"RequestId: req-init Error: Task timed out after 1.00 seconds\","
                + "\"errorType\":\"Sandbox.Timedout\"}", text(result));
        assertEquals(List.of(), SandboxProcesses.awaitNone(spec.functionName()));
    }

    @Test
    void reservedConcurrencyZeroThrottlesEveryInvocation() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());
        worker.setReservedConcurrency(spec.functionName(), 0);

        ThrottledException throttled = assertThrows(ThrottledException.class, () -> invoke(spec, "instance"));
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());
        assertEquals("Rate Exceeded.", throttled.getMessage());
        assertEquals("", worker.logs().read(spec.functionName()));

        worker.setReservedConcurrency(spec.functionName(), null);
        assertNull(invoke(spec, "instance").functionError());
    }

    @Test
    void reservedConcurrencyOneAllowsOneInvocationInFlight() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());
        worker.setReservedConcurrency(spec.functionName(), 1);

        CompletableFuture<InvokeResult> first = inBackground(() -> invokeUnchecked(spec,
                "req-first", "sleep:3000"));
        awaitLog(worker, spec.functionName(), "START RequestId: req-first");
        ThrottledException throttled = assertThrows(ThrottledException.class, () -> invoke(spec, "instance"));
        assertEquals(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());

        assertNull(first.get().functionError());
        assertNull(invoke(spec, "instance").functionError(), "the slot is free again");
    }

    @Test
    void unreservedFunctionsShareWhatReservationsLeave() throws Exception {
        worker(2, Duration.ofMinutes(5), null);
        FunctionSpec reserved = spec(newFunctionName());
        FunctionSpec shared = spec(newFunctionName());
        worker.setReservedConcurrency(reserved.functionName(), 1);

        CompletableFuture<InvokeResult> first = inBackground(() -> invokeUnchecked(shared,
                "req-shared", "sleep:3000"));
        awaitLog(worker, shared.functionName(), "START RequestId: req-shared");
        ThrottledException throttled = assertThrows(ThrottledException.class, () -> invoke(shared, "instance"));
        assertEquals(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED, throttled.reason());
        assertEquals("Rate Exceeded.", throttled.getMessage());
        assertNull(invoke(reserved, "instance").functionError(), "a reservation is not taken by others");

        assertNull(first.get().functionError());
    }

    @Test
    void concurrentInvocationsGetSeparateEnvironments() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName());

        CompletableFuture<InvokeResult> one = inBackground(() -> invokeUnchecked(spec, "a",
                "sleep:2000"));
        CompletableFuture<InvokeResult> two = inBackground(() -> invokeUnchecked(spec, "b",
                "sleep:2000"));

        assertNotEquals(text(one.get()), text(two.get()));
        assertTrue(reportLine(one.get()).contains("Init Duration"));
        assertTrue(reportLine(two.get()).contains("Init Duration"));
    }

    @Test
    void idleEnvironmentsAreReaped() throws Exception {
        worker(10, Duration.ofMillis(300), null);
        FunctionSpec spec = spec(newFunctionName());
        String before = text(invoke(spec, "instance"));
        assertEquals(1, environmentsGauge(), "the idle environment is counted");

        assertEquals(List.of(), SandboxProcesses.awaitNone(spec.functionName()), "the idle environment is reaped");
        long giveUp = System.currentTimeMillis() + 10_000;
        while ((!environmentDirs().isEmpty() || environmentsGauge() > 0) && System.currentTimeMillis() < giveUp) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), environmentDirs(), "its directory is removed");
        assertEquals(0, environmentsGauge(), "and it is no longer counted");

        InvokeResult after = invoke(spec, "instance");
        assertNotEquals(before, text(after));
        assertTrue(reportLine(after).contains("Init Duration"), "a cold start again");
    }

    @Test
    void revisionsNeverShareEnvironmentsAndALateOldRequestEvictsNothing() throws Exception {
        worker();
        FunctionSpec first = spec(newFunctionName());
        FunctionSpec second = new FunctionSpec(first.functionName(), first.version(), "rev-2", first.functionArn(),
                first.handler(), first.javaHome(), first.codeDir(), first.optDir(), first.memoryMb(), first.timeoutSeconds(),
                first.ephemeralStorageMb(), first.environment(), first.region(), first.credentials(), null);
        String old = text(invoke(first, "instance"));

        String current = text(invoke(second, "instance"));
        assertNotEquals(old, current, "an older revision's environment is never reused");
        // A request that resolved the older revision before the update arrives after the newer one's.
        assertEquals(old, text(invoke(first, "instance")));
        assertEquals(current, text(invoke(second, "instance")), "the current revision's environment stays warm");
        assertEquals(2, environmentDirs().size());

        worker.discard(first.functionName(), null);
        assertEquals(List.of(), SandboxProcesses.awaitNone(first.functionName()));
        assertNotEquals(current, text(invoke(second, "instance")));
    }

    @Test
    void eachEnvironmentHasItsOwnTmp() throws Exception {
        worker();
        FunctionSpec writer = spec(newFunctionName());
        FunctionSpec reader = spec(newFunctionName());
        String file = "thaw-test-" + UUID.randomUUID();

        assertEquals("written", text(invoke(writer, "write-tmp:" + file)));

        assertFalse(Files.exists(Path.of("/tmp", file)), "the host's /tmp is untouched");
        assertEquals("missing", text(invoke(reader, "read-tmp:" + file)));
        assertEquals(text(invoke(writer, "instance")), text(invoke(writer, "read-tmp:" + file)));
    }

    @Test
    void theJvmIsPidOneAndSessionLeaderOfItsOwnNamespace() throws Exception {
        worker();
        assertEquals("pid=1 sessionLeader=true", text(invoke(spec(newFunctionName()), "pid")));
    }

    @Test
    void theEnvironmentJoinsACgroupOfMemorySize() throws Exception {
        assumeTrue(memoryCgroupsAvailable(), "needs a memory cgroup controller");
        worker();
        FunctionSpec spec = spec(newFunctionName(), HANDLER, 192, 30, Map.of());
        invoke(spec, "instance");

        List<Long> pids = SandboxProcesses.of(spec.functionName());
        assertFalse(pids.isEmpty());
        for (long pid : pids) {
            Optional<Path> cgroup = SandboxProcesses.memoryCgroup(pid);
            assertTrue(cgroup.isPresent());
            assertEquals(192L << 20, SandboxProcesses.memoryLimit(cgroup.get()));
        }
    }

    @Test
    void theEnvironmentGetsLambdasVariablesAndNoneOfTheWorkers() throws Exception {
        worker();
        FunctionSpec spec = spec(newFunctionName(), HANDLER, 256, 30, Map.of("GREETING", "hi", "TZ", ":Europe/Paris",
                "AWS_REGION", "mars-1"));

        Set<String> names = new TreeSet<>(text(invoke(spec, "env")).lines().toList());

        assertEquals(new TreeSet<>(Set.of("PATH", "LANG", "TZ", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "_HANDLER",
                "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_LOG_GROUP_NAME",
                "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_EXECUTION_ENV", "PWD", "GREETING")), names);
        Map<String, String> expected = new HashMap<>();
        expected.put("GREETING", "hi");
        expected.put("TZ", ":Europe/Paris");
        expected.put("AWS_REGION", "us-east-1");
        expected.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256");
        expected.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        expected.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + spec.functionName());
        expected.put("AWS_EXECUTION_ENV", "AWS_Lambda_java" + Runtime.version().feature());
        // Lambda's paths, whatever the host paths of the package and the runtime are.
        expected.put("LAMBDA_TASK_ROOT", "/var/task");
        expected.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        expected.put("PWD", "/var/task");
        for (Map.Entry<String, String> variable : expected.entrySet()) {
            assertEquals(variable.getValue(), text(invoke(spec, "getenv:" + variable.getKey())), variable.getKey());
        }
        String stream = text(invoke(spec, "getenv:AWS_LAMBDA_LOG_STREAM_NAME"));
        assertTrue(stream.matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST][0-9a-f]{16}"), stream);
        assertEquals(List.of(stream), worker.logs().streams(spec.functionName()).stream()
                .map(summary -> summary.name().toString()).toList(), "the stream its log is written to");
    }

    @Test
    void closeLeavesNoProcessesDirectoriesOrCgroups() throws Exception {
        worker();
        FunctionSpec idle = spec(newFunctionName());
        FunctionSpec busy = spec(newFunctionName());
        invoke(idle, "instance");
        CompletableFuture<InvokeResult> running = inBackground(() -> invokeUnchecked(busy,
                "req-busy", "sleep:60000"));
        awaitLog(worker, busy.functionName(), "START RequestId: req-busy");
        List<Path> cgroups = new java.util.ArrayList<>();
        for (String function : List.of(idle.functionName(), busy.functionName())) {
            for (long pid : SandboxProcesses.of(function)) {
                SandboxProcesses.memoryCgroup(pid).ifPresent(cgroups::add);
            }
        }
        assertEquals(2, environmentDirs().size());

        worker.close();

        assertEquals("Unhandled", running.get().functionError(), "the busy invocation ends");
        assertEquals(List.of(), SandboxProcesses.of(idle.functionName()));
        assertEquals(List.of(), SandboxProcesses.of(busy.functionName()));
        assertFalse(Files.exists(dataDir.resolve("environments")));
        for (Path cgroup : cgroups) {
            assertFalse(Files.exists(cgroup), cgroup + " is removed");
            assertFalse(Files.exists(cgroup.getParent()), "the worker's cgroup is removed");
        }
        assertThrows(IllegalStateException.class, () -> invoke(idle, "instance"));
    }

    @Test
    void aWorkerRemovesWhatOneThatDiedLeftAndHoldsItsDataDirectoryAlone() throws Exception {
        FunctionSpec spec = spec(newFunctionName());
        worker();
        invoke(spec, "instance");
        Optional<Path> environmentCgroup = SandboxProcesses.memoryCgroup(SandboxProcesses.of(spec.functionName())
                .getFirst());
        worker.close();
        store.close();
        worker = null;
        // What a worker killed with -9 leaves: a cgroup with a process that never noticed, an environment directory.
        Optional<Process> survivor = Optional.empty();
        Optional<Path> abandoned = environmentCgroup.map(dir -> dir.getParent().resolveSibling(
                "thaw-worker-999999999-0123456789ab"));
        if (abandoned.isPresent()) {
            Path left = Files.createDirectories(abandoned.get().resolve("0123456789abcdef"));
            survivor = Optional.of(new ProcessBuilder("sleep", "600").start());
            Files.writeString(left.resolve("cgroup.procs"), Long.toString(survivor.get().pid()));
        }
        Path leftDir = Files.createDirectories(dataDir.resolve("environments").resolve("0123456789abcdef")
                .resolve("restore"));

        worker();

        assertFalse(Files.exists(leftDir.getParent()), "the dead worker's environment directory is removed");
        if (survivor.isPresent()) {
            assertTrue(survivor.get().waitFor(10, java.util.concurrent.TimeUnit.SECONDS), "its process is killed");
            assertFalse(Files.exists(abandoned.get()), "its cgroup is removed");
        }
        assertThrows(IllegalStateException.class, () -> new ProcessWorker(WorkerConfig.builder(dataDir,
                RuntimeJar.locate()).concurrencyLimit(10).idleTimeout(Duration.ofMinutes(5)).build(), store, metrics));
        assertNull(invoke(spec, "instance").functionError(), "the running worker is untouched");
    }

    private InvokeResult invokeUnchecked(FunctionSpec spec, String requestId, String event) {
        try {
            return worker.invoke(spec, input(requestId, event));
        } catch (ThrottledException | SnapStartRestoreException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Its own thread: the common pool may have a single thread on a small machine. */
    private static <T> CompletableFuture<T> inBackground(Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> Thread.ofPlatform().start(runnable));
    }

    /** The next invocation succeeds, in another environment than the one that answered {@code before}. */
    private void assertServedByAnotherEnvironment(FunctionSpec spec, String before, String why) throws Exception {
        InvokeResult next = invoke(spec, "instance");
        assertNull(next.functionError(), () -> text(next));
        assertNotEquals(before, text(next), why);
    }

    /** Waits (bounded) until the function's log shows {@code text}. */
    static void awaitLog(ProcessWorker worker, String functionName, String text) throws InterruptedException {
        long giveUp = System.currentTimeMillis() + 30_000;
        while (!worker.logs().read(functionName).contains(text)) {
            assertTrue(System.currentTimeMillis() < giveUp, "log never showed " + text);
            Thread.sleep(20);
        }
    }

    private List<Path> environmentDirs() throws Exception {
        Path environments = dataDir.resolve("environments");
        if (!Files.exists(environments)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(environments)) {
            return dirs.toList();
        }
    }
}
