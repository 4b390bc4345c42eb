package dev.thaw.faults.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.faults.FaultReport;
import dev.thaw.it.ExamplePackages;
import dev.thaw.it.Invocations;
import dev.thaw.it.SnapStartVersions;
import dev.thaw.it.ThawServerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * The data directory on a small file system that fills up: publishes and invokes meanwhile get Lambda-shaped answers
 * promptly (a publish that cannot store its snapshot goes Failed with a reason), and once space is back everything
 * works and what was acknowledged before is intact.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DiskFullTest {

    private static final Duration SETTLE = Duration.ofMinutes(2);

    @RegisterExtension
    @Order(1)
    static final SmallFileSystem DISK = new SmallFileSystem(Path.of(System.getProperty("thaw.it.data-root",
            "target/fault-data")).resolve("small-disk").toAbsolutePath(), "300m");

    @RegisterExtension
    @Order(2)
    static final ThawServerExtension THAW = new ThawServerExtension(DISK.dir(), options -> options);

    private final List<String> failures = new ArrayList<>();
    private final FaultReport.Section section = FaultReport.Section.of("disk full", "none (fixed cases)");
    private int passed;

    @Test
    void aFullDiskGetsLambdaErrorsAndSpaceComingBackHealsEverything() throws Exception {
        LambdaClient client = THAW.client();
        SnapStartVersions.createFunction(THAW, "disk-full", "example.Hello::handleRequest");
        String before = SnapStartVersions.publishActive(client, "disk-full");
        section.figure("filler bytes", DISK.fill());

        check("publish while full goes Failed with a reason, or is refused", () -> {
            String version = client.publishVersion(r -> r.functionName("disk-full")).version();
            State state = awaitSettled(client, version);
            String reason = SnapStartVersions.configuration(client, "disk-full", version).stateReason();
            return state == State.FAILED && reason != null && !reason.isBlank() ? "Failed: " + reason
                    : state == State.ACTIVE ? "Active" : null;
        });
        check("invoke of $LATEST while full", () -> Invocations.text(Invocations.invoke(client, "disk-full",
                "{\"name\":\"full\"}")));
        check("invoke of a version while full", () -> Invocations.text(Invocations.invoke(client, "disk-full",
                before, "{\"name\":\"full\"}")));
        check("create while full", () -> client.createFunction(r -> r.functionName("disk-full-new")
                .runtime(ThawServerExtension.RUNTIME).role(ThawServerExtension.ROLE)
                .handler("example.Hello::handleRequest").code(c -> c.zipFile(ExamplePackages.jar()))).stateAsString());

        DISK.free();
        check("after space is back: the earlier version answers", () -> expect("\"Hello, back!\"",
                Invocations.text(Invocations.invoke(client, "disk-full", before, "{\"name\":\"back\"}"))));
        check("after space is back: create and invoke", () -> {
            THAW.createFunction("disk-after", "example.Hello::handleRequest");
            return expect("\"Hello, after!\"", Invocations.text(Invocations.invoke(client, "disk-after",
                    "{\"name\":\"after\"}")));
        });
        check("after space is back: publish goes Active", () -> {
            client.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName("disk-full"));
            return "version " + SnapStartVersions.publishActive(client, "disk-full");
        });
        check("after space is back: the acknowledged code is intact", () -> expect(
                ExamplePackages.sha256(ExamplePackages.jar()),
                client.getFunction(r -> r.functionName("disk-full")).configuration().codeSha256()));

        section.figure("cases passed", passed).figure("cases failed", failures.size());
        FaultReport.write(section);
        assertEquals(List.of(), failures);
    }

    /**
     * Runs one case: it passes with a value, or with a Lambda error other than a 5xx carrying exception text; a
     * null value or any other failure fails it.
     */
    private void check(String name, Supplier<String> attempt) {
        String outcome;
        boolean ok;
        try {
            outcome = attempt.get();
            ok = outcome != null;
        } catch (AwsServiceException e) {
            outcome = e.statusCode() + " " + e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
            ok = e.statusCode() < 500 || e.awsErrorDetails().errorCode().equals("ServiceException")
                    && !e.awsErrorDetails().errorMessage().matches("(?is).*(exception|java\\.|\\bat ).*");
        } catch (RuntimeException e) {
            outcome = e.toString();
            ok = false;
        }
        section.finding(name + ": " + (ok ? "passed, " : "FAILED, ") + outcome);
        if (ok) {
            passed++;
        } else {
            failures.add(name + ": " + outcome);
        }
    }

    private static String expect(String expected, String actual) {
        return expected.equals(actual) ? actual : null;
    }

    private static State awaitSettled(LambdaClient client, String version) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        State state = SnapStartVersions.configuration(client, "disk-full", version).state();
        while (state == State.PENDING && System.nanoTime() < deadline) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return state;
            }
            state = SnapStartVersions.configuration(client, "disk-full", version).state();
        }
        return state;
    }
}
