package dev.thaw.it;

import static dev.thaw.it.HostileFunction.event;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.thaw.it.HostileFunction.Answer;
import dev.thaw.it.HostileFunction.Copy;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way out of an execution environment that {@code example.Hostile} knows, tried in a copy started on demand
 * and in one restored from a SnapStart snapshot: none may succeed, and after exhausting a limit the function must
 * still serve. The server keeps no environment warm, so every attempt runs in a fresh copy and sees nothing an
 * earlier attempt did.
 */
class SandboxEscapeTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension(o -> o.withIdleTimeout(Duration.ZERO));

    /** The server runs in this JVM: its pid on the host, and its command line as /proc shows it. */
    private static final long SERVER_PID = ProcessHandle.current().pid();
    private static final String SERVER_CMDLINE = serverCmdline();

    /** Commands that need privileges a function must not have (they exist in the sandbox: /usr is the host's). */
    private static final List<String> COMMANDS = List.of(
            "umount -l /tmp",
            "mount -o remount,rw /var/task",
            "mount -o remount,rw /var/runtime",
            "mount -t tmpfs hostile /tmp",
            "unshare -r true",
            "unshare --mount true",
            "unshare --net true",
            "nsenter -t 1 -m true",
            "chroot / true");
    /**
     * Places no function may write to: a directory gets a new file, a file is opened for writing, a kernel setting
     * gets its own value written back.
     */
    private static final List<String> UNWRITABLE = List.of("/root", "/etc", "/usr", "/var/runtime", "/var/task",
            "/dev/shm", "/proc/sys/vm/swappiness", "/proc/sys/kernel/hostname");

    private static HostileFunction hostile;
    private static final List<TestListener> LISTENERS = new ArrayList<>();

    @BeforeAll
    static void deploy() throws IOException {
        // Another function, from another package: its code must be out of the hostile function's reach.
        THAW.createFunction("victim", "example.Hello", b -> b.code(c -> c.zipFile(ExamplePackages.zip())));
        hostile = HostileFunction.create(THAW, "hostile");
        LISTENERS.add(TestListener.open(InetAddress.getLoopbackAddress()));
        ipv6Loopback().ifPresent(LISTENERS::add);
        nonLoopbackAddress().map(SandboxEscapeTest::listenerOn).ifPresent(LISTENERS::add);
    }

    @AfterAll
    static void closeListeners() throws IOException {
        for (TestListener listener : LISTENERS) {
            listener.close();
        }
    }

    /** One hostile attempt; those that exhaust a limit are followed by an ordinary invocation. */
    record Probe(String name, Map<String, Object> event, boolean exhaustsLimit) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> attemptsInEachKindOfCopy() {
        List<Probe> probes = probes();
        return Stream.of(Copy.values()).flatMap(copy -> probes.stream().map(probe -> Arguments.of(copy, probe)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("attemptsInEachKindOfCopy")
    void noAttemptEscapes(Copy copy, Probe probe) {
        Answer answer = hostile.attempt(copy, probe.event());
        // What each attempt met, for whoever reads the test's output.
        System.out.println("escape attempt | " + copy + " | " + probe + " | " + answer.detail());
        if (probe.exhaustsLimit()) {
            // The function must go on serving: the next invocation is answered (by a fresh copy), and the copy
            // that exhausted the limit says whether it could go on itself ("recovered").
            hostile.attempt(copy, event("whoami-files"));
        }
        assertFalse(answer.fact("ran").isBoolean() && !answer.fact("ran").booleanValue(),
                () -> probe + " could not run its command, so it tried nothing: " + answer.detail());
        assertFalse(answer.escaped(), () -> probe + " escaped " + copy + ": " + answer.detail());
        if (probe.exhaustsLimit()) {
            assertTrue(answer.fact("recovered").booleanValue(),
                    () -> probe + " left its copy unable to go on: " + answer.detail());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Copy.class)
    void insideItLooksLikeAnUnprivilegedLambdaEnvironment(Copy copy) {
        Answer shape = hostile.attempt(copy, event("shape", "pid", SERVER_PID, "serverCmdline", SERVER_CMDLINE));
        Answer user = hostile.attempt(copy, event("whoami-files"));
        assertAll(shape + " " + user,
                () -> assertNotEquals(0, user.fact("uid").asLong(), "runs as root"),
                () -> assertTrue(user.fact("passwd").isTextual(), "its uid has no /etc/passwd entry"),
                () -> assertNotEquals("root", user.fact("user").asText()),
                () -> assertTrue(shape.fact("pid").asLong() <= 10, "not in a PID namespace of its own"),
                () -> assertFalse(shape.fact("serverVisible").booleanValue(), "sees the server's process"),
                () -> assertTrue(shape.fact("taskReadOnly").booleanValue(), "/var/task is not mounted read-only"),
                () -> assertFalse(shape.fact("taskWritable").booleanValue(), "/var/task is writable"),
                () -> assertTrue(shape.fact("tmpWritable").booleanValue(), "/tmp is not writable"),
                () -> assertEquals("/tmp", shape.fact("tmpdir").asText()),
                () -> assertTrue(shape.fact("tmpdirWorks").booleanValue(), "java.io.tmpdir does not work"));
    }

    private static List<Probe> probes() {
        Path data = THAW.dataDir().toAbsolutePath();
        List<Probe> probes = new ArrayList<>();
        probes.add(probe("identity", event("identity")));
        probes.add(probe("whoami-files", event("whoami-files")));
        COMMANDS.forEach(command -> probes.add(probe("run " + command, event("run-command", "command", command))));
        Map<String, Path> hostPaths = new LinkedHashMap<>();
        hostPaths.put("the data directory", data);
        hostPaths.put("the master key", data.resolve("store/master.key"));
        hostPaths.put("the metadata database", data.resolve("metadata/thaw.mv.db"));
        hostPaths.put("the packages' code", data.resolve("code"));
        hostPaths.put("another function's code", victimCode().resolve("example/Hello.class"));
        hostPaths.put("another function's package", victimPackage());
        hostPaths.values().forEach(SandboxEscapeTest::assertExistsOnTheHost);
        List.of("/etc/shadow", "/root").forEach(path -> assertExistsOnTheHost(Path.of(path)));
        for (String path : List.of("/etc/passwd", "/var/task", "/var/runtime")) {
            probes.add(probe("chmod " + path, event("chmod", "path", path)));
            probes.add(probe("chown " + path, event("chown", "path", path)));
        }
        probes.add(probe("chmod the data directory", event("chmod", "path", data.toString())));
        probes.add(probe("chown the data directory", event("chown", "path", data.toString())));
        for (String secret : List.of("the master key", "the metadata database", "another function's code",
                "another function's package")) {
            probes.add(probe("read " + secret, event("read-file", "path", hostPaths.get(secret).toString())));
        }
        probes.add(probe("read /etc/shadow", event("read-file", "path", "/etc/shadow")));
        for (String dir : List.of("the data directory", "the packages' code")) {
            probes.add(probe("list " + dir, event("list-dir", "path", hostPaths.get(dir).toString())));
        }
        probes.add(probe("list /root", event("list-dir", "path", "/root")));
        UNWRITABLE.forEach(path -> probes.add(probe("write " + path, event("write-file", "path", path))));
        for (String target : List.of("the data directory", "the master key")) {
            probes.add(probe("write " + target, event("write-file", "path", hostPaths.get(target).toString())));
        }
        probes.add(probe("cgroup-write", event("cgroup-write")));
        probes.add(probe("processes", event("processes", "pid", SERVER_PID, "serverCmdline", SERVER_CMDLINE)));
        probes.add(probe("umount-proc-and-look",
                event("umount-proc-and-look", "pid", SERVER_PID, "serverCmdline", SERVER_CMDLINE)));
        probes.add(probe("dev", event("dev")));
        probes.add(probe("connect to the API", event("connect", "host", THAW.endpoint().getHost(),
                "port", THAW.endpoint().getPort())));
        for (TestListener listener : LISTENERS) {
            probes.add(probe("connect to the host's " + listener, event("connect", "host", listener.host(),
                    "port", listener.port())));
        }
        probes.add(new Probe("threads", event("threads", "count", 1100), true));
        probes.add(new Probe("fill-tmp", event("fill-tmp", "mb", 600, "limitMb", 512), true));
        probes.add(new Probe("open-files", event("open-files", "count", 2000), true));
        return probes;
    }

    private static Probe probe(String name, Map<String, Object> event) {
        return new Probe(name, event, false);
    }

    /** A path attempts go for must exist on the host, or an attempt that fails on it would prove nothing. */
    private static void assertExistsOnTheHost(Path path) {
        assertTrue(Files.exists(path), () -> path + " does not exist on the host");
    }

    /** Where the server unpacked the victim's package, and the package itself (content-addressed). */
    private static Path victimCode() {
        return THAW.dataDir().toAbsolutePath().resolve("code").resolve(victimSha256Hex());
    }

    private static Path victimPackage() {
        return THAW.dataDir().toAbsolutePath().resolve("packages").resolve(victimSha256Hex() + ".zip");
    }

    private static String victimSha256Hex() {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(ExamplePackages.sha256(ExamplePackages.zip())));
    }

    private static Optional<TestListener> ipv6Loopback() {
        try {
            return Optional.of(TestListener.open(InetAddress.getByName("::1")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The machine's first non-loopback IPv4 address, if it has one (not the network test's test network). */
    private static Optional<InetAddress> nonLoopbackAddress() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(SandboxEscapeTest::upAndNotLoopback)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> address instanceof Inet4Address && !address.isLinkLocalAddress())
                    .filter(address -> !TestNetwork.contains(address))
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean upAndNotLoopback(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static TestListener listenerOn(InetAddress address) {
        try {
            return TestListener.open(address);
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + address, e);
        }
    }

    private static String serverCmdline() {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this JVM's command line", e);
        }
    }
}
