package dev.thaw.faults.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.api.client.SignedHttpClient;
import dev.thaw.faults.FaultForm;
import dev.thaw.faults.FaultReport;
import dev.thaw.faults.Functions;
import dev.thaw.faults.Seed;
import dev.thaw.faults.ServerProcess;
import dev.thaw.it.ExamplePackages;
import dev.thaw.it.Json;
import dev.thaw.it.SnapStartVersions;
import dev.thaw.it.ThawServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.SnapStartApplyOn;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * Kills a server process (SIGKILL) at seeded random points of SnapStart publishes, updates, deletes and invokes, and
 * restarts it on the same data directory: every acknowledged function and version is there, Pending versions settle,
 * and nothing of the dead server is left (processes, cgroups, mounts, directories, unreferenced chunks).
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CrashTest {

    private static final String PREFIX = "crash-";
    private static final String BASE = PREFIX + "base";
    private static final Duration SETTLE = Duration.ofMinutes(2);
    /** The new worker removes what the dead one left when it starts; this allows for removals still under way. */
    private static final Duration CLEANUP = Duration.ofSeconds(15);
    private static final List<SdkBytes> PACKAGES = List.of(ExamplePackages.jar(), ExamplePackages.zip());

    private final Seed seed = Seed.current();
    private final Random random = seed.random("crash");
    private final List<String> lost = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> leftBehind = new ArrayList<>();
    private Path dataDir;
    private Path log;
    private ServerProcess server;
    private Setting code = Setting.of(ExamplePackages.sha256(PACKAGES.get(0)));
    private Setting mark = Setting.of("");
    private final Set<String> versions = new HashSet<>();
    private final List<String> activeVersions = new ArrayList<>();
    /** Functions deleted by a trial: whether the client was told they are gone; absent while that is unknown. */
    private final Map<String, Boolean> victims = new HashMap<>();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKilledServerLosesNothingAcknowledgedAndLeavesNothingBehind() throws Exception {
        Path root = Files.createDirectories(Path.of(System.getProperty("thaw.it.data-root", "target/fault-data")));
        dataDir = Files.createTempDirectory(root, "crash-");
        log = root.resolve(dataDir.getFileName() + ".log");
        server = ServerProcess.start(dataDir, log, List.of());
        createBase();

        int trials = FaultForm.current().crashTrials;
        int orphans = 0;
        int pendingSettled = 0;
        FaultReport.Section section = FaultReport.Section.of("crashes", seed);
        for (int number = 1; number <= trials; number++) {
            Trial trial = Trial.next(number, random);
            long deadPid = server.pid();
            String delivery = crashDuring(trial);
            Leftovers.Remains remains = Leftovers.remains(dataDir);
            server = ServerProcess.start(dataDir, log, List.of());
            pendingSettled += checkAcknowledged(trial);
            Leftovers leftovers = awaitCleanup(deadPid, remains);
            orphans += leftovers.count();
            leftovers.all().forEach(orphan -> leftBehind.add(trial + ": left " + orphan));
            invokeHealthy(trial);
            section.finding(trial + ": " + delivery + ", " + leftovers.count() + " left behind");
        }
        section.figure("crashes survived", trials).figure("orphans found", orphans)
                .figure("pending versions settled after restart", pendingSettled)
                .figure("acknowledged changes lost", lost.size())
                .figure("unexpected errors", unexpected.size());
        Stream.of(leftBehind, lost, unexpected).flatMap(List::stream).forEach(line -> section.finding(line));
        FaultReport.write(section);

        assertEquals(0, orphans, () -> "left behind: " + leftBehind);
        assertEquals(List.of(), lost);
        assertEquals(List.of(), unexpected);
    }

    private void createBase() {
        LambdaClient client = server.client();
        client.createFunction(r -> r.functionName(BASE).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Hello::handleRequest").memorySize(256).timeout(15)
                .snapStart(s -> s.applyOn(SnapStartApplyOn.PUBLISHED_VERSIONS))
                .code(c -> c.zipFile(PACKAGES.get(0))));
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(BASE));
        String first = SnapStartVersions.publishActive(client, BASE);
        versions.add(first);
        activeVersions.add(first);
    }

    /** Sends the trial's operation, kills the server in its midst, and says whether the client was answered. */
    private String crashDuring(Trial trial) throws InterruptedException {
        LambdaClient client = server.client();
        if (trial.operation() == CrashOperation.DELETE) {
            createVictim(client, PREFIX + "victim-" + trial.number());
        }
        CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> perform(trial, client));
        Thread.sleep(trial.killAfter().toMillis());
        server.kill();
        try {
            sent.get();
            return "acknowledged before the kill";
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof SdkClientException)) {
                unexpected.add(trial + ": " + e.getCause());
            }
            return "cut off by the kill";
        }
    }

    private void perform(Trial trial, LambdaClient client) {
        switch (trial.operation()) {
            case PUBLISH -> versions.add(client.publishVersion(r -> r.functionName(BASE)).version());
            case UPDATE_CODE -> {
                SdkBytes other = PACKAGES.stream().filter(p -> !code.possible().contains(ExamplePackages.sha256(p)))
                        .findFirst().orElse(PACKAGES.get(0));
                code = code.sending(ExamplePackages.sha256(other));
                code = Setting.of(client.updateFunctionCode(r -> r.functionName(BASE).zipFile(other)).codeSha256());
            }
            case UPDATE_CONFIGURATION -> {
                String value = "trial-" + trial.number();
                mark = mark.sending(value);
                client.updateFunctionConfiguration(r -> r.functionName(BASE)
                        .environment(e -> e.variables(Map.of("CRASH_MARK", value))));
                mark = Setting.of(value);
            }
            case DELETE -> {
                String victim = PREFIX + "victim-" + trial.number();
                victims.remove(victim);
                client.deleteFunction(r -> r.functionName(victim));
                victims.put(victim, false);
            }
            case INVOKE -> {
                String qualifier = random.nextBoolean() ? "$LATEST"
                        : activeVersions.get(random.nextInt(activeVersions.size()));
                invoke(client, qualifier);
            }
        }
    }

    private void createVictim(LambdaClient client, String name) {
        client.createFunction(r -> r.functionName(name).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Hello::handleRequest").memorySize(256).timeout(15)
                .code(c -> c.zipFile(PACKAGES.get(0))));
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
        victims.put(name, true);
    }

    /**
     * After a restart: the base function holds its acknowledged (or in-flight) code and configuration, every
     * acknowledged version exists, every version settles, and deleted functions stay deleted. Answers how many
     * versions were Pending after the restart.
     */
    private int checkAcknowledged(Trial trial) throws InterruptedException {
        LambdaClient client = server.client();
        client.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(BASE));
        FunctionConfiguration config = client.getFunction(r -> r.functionName(BASE)).configuration();
        String markNow = config.environment() == null ? "" : config.environment().variables().getOrDefault("CRASH_MARK", "");
        if (!code.possible().contains(config.codeSha256())) {
            lost.add(trial + ": code " + config.codeSha256() + ", expected one of " + code.possible());
        }
        if (!mark.possible().contains(markNow)) {
            lost.add(trial + ": CRASH_MARK=" + markNow + ", expected one of " + mark.possible());
        }
        code = Setting.of(config.codeSha256());
        mark = Setting.of(markNow);

        Map<String, FunctionConfiguration> existing = new HashMap<>();
        client.listVersionsByFunctionPaginator(r -> r.functionName(BASE)).versions().stream()
                .filter(v -> !v.version().equals("$LATEST")).forEach(v -> existing.put(v.version(), v));
        versions.stream().filter(v -> !existing.containsKey(v))
                .forEach(v -> lost.add(trial + ": version " + v + " was acknowledged and is missing"));
        int pending = 0;
        for (String version : existing.keySet()) {
            pending += existing.get(version).state() == State.PENDING ? 1 : 0;
            State settled = awaitSettled(client, version);
            versions.add(version);
            if (settled == State.ACTIVE && !activeVersions.contains(version)) {
                activeVersions.add(version);
            } else if (settled == State.PENDING) {
                lost.add(trial + ": version " + version + " still Pending " + SETTLE + " after the restart");
            }
        }
        victims.forEach((name, exists) -> {
            if (Functions.exists(client, name) != exists) {
                lost.add(trial + ": " + name + (exists ? " was acknowledged and is missing" : " came back"));
            }
        });
        return pending;
    }

    private static State awaitSettled(LambdaClient client, String version) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (true) {
            State state = SnapStartVersions.configuration(client, BASE, version).state();
            if (state != State.PENDING || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(250);
        }
    }

    private Leftovers awaitCleanup(long deadPid, Leftovers.Remains remains) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + CLEANUP.toNanos();
        while (true) {
            Leftovers leftovers = Leftovers.of(deadPid, remains, server, PREFIX, storeStats());
            if (leftovers.count() == 0 || System.nanoTime() > deadline) {
                return leftovers;
            }
            Thread.sleep(500);
        }
    }

    private JsonNode storeStats() throws IOException, InterruptedException {
        try (SignedHttpClient http = server.http()) {
            return Json.parse(http.get(server.endpoint().resolve("/thaw/store/stats")).body());
        }
    }

    /** The restarted server answers; the environment this starts is the next trial's to be killed with. */
    private void invokeHealthy(Trial trial) {
        try {
            invoke(server.client(), activeVersions.get(random.nextInt(activeVersions.size())));
            invoke(server.client(), "$LATEST");
        } catch (RuntimeException e) {
            unexpected.add(trial + ": after the restart: " + e);
        }
    }

    private static void invoke(LambdaClient client, String qualifier) {
        String id = UUID.randomUUID().toString();
        String answer = client.invoke(r -> r.functionName(BASE).qualifier(qualifier)
                .payload(SdkBytes.fromUtf8String("{\"name\":\"" + id + "\"}"))).payload().asUtf8String();
        if (!answer.equals("\"Hello, " + id + "!\"")) {
            throw new IllegalStateException(BASE + ":" + qualifier + " answered " + answer);
        }
    }
}
