package dev.thaw.controlplane;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SnapStart state machine with a package whose init always fails, so every snapshot attempt ends Failed
 * whether or not this host can take snapshots; Active versions are seeded into the data directory as a previous
 * server would have left them.
 */
class SnapStartStatesTest {

    private static final FunctionRef HELLO = FunctionRef.parse("hello");
    private static final FunctionRef HELLO_1 = FunctionRef.parse("hello:1");

    @TempDir
    Path dataDir;
    private ControlPlaneFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void publishingASnapStartFunctionAnswersPendingThenFailsWithTheReason() throws Exception {
        fixture = new ControlPlaneFixture(dataDir);
        createSnapStartFunction();

        FunctionConfig published = fixture.controlPlane.versions().publish(HELLO,
                new Requests.PublishVersion(null, null, null));
        assertEquals(VersionState.creating(), published.state());
        assertTrue(published.snapStartOn());
        LambdaException early = assertThrows(LambdaException.class, () -> invoke(HELLO_1));
        assertEquals("ResourceConflictException", early.type());
        assertTrue(early.getMessage().startsWith("The operation cannot be performed at this time. The function is "
                + "currently in the following state: "), early.getMessage());

        VersionState failed = fixture.awaitState("hello:1", VersionState.FAILED).state();
        String expectedCode = fixture.worker.snapshotsUnavailable().isPresent() ? "InternalError" : "FunctionError";
        assertEquals(expectedCode, failed.stateReasonCode(), failed.stateReason());
        assertEquals(VersionState.FAILED, failed.lastUpdateStatus());
        assertEquals(expectedCode, failed.lastUpdateStatusReasonCode());
        fixture.worker.snapshotsUnavailable().ifPresent(why -> assertTrue(failed.stateReason().contains(why)));
        LambdaException refused = assertThrows(LambdaException.class, () -> invoke(HELLO_1));
        assertEquals("ResourceConflictException", refused.type());
        assertTrue(refused.getMessage().contains("following state: Failed")
                && refused.getMessage().contains(failed.stateReason()), refused.getMessage());

        FunctionConfig latest = fixture.controlPlane.functions().configuration(HELLO);
        assertEquals(VersionState.active(), latest.state());
        assertFalse(latest.snapStartOn(), "$LATEST never restores from a snapshot");
    }

    @Test
    void versionsWithoutSnapStartAreActiveAtOnce() {
        fixture = new ControlPlaneFixture(dataDir);
        fixture.create("hello", TestPackages.zip("v1"));
        FunctionConfig published = fixture.controlPlane.versions().publish(HELLO,
                new Requests.PublishVersion(null, null, null));
        assertEquals(VersionState.active(), published.state());
        assertFalse(published.snapStartOn());
    }

    @Test
    void snapStartIsRejectedWithLargeEphemeralStorageEfsAndProvisionedConcurrency() {
        fixture = new ControlPlaneFixture(dataDir);
        FunctionService functions = fixture.controlPlane.functions();
        Requests.CreateFunction base = ControlPlaneFixture.request("hello", TestPackages.zip("v1"), null,
                "PublishedVersions");
        assertRejected("InvalidParameterValueException", () -> functions.create(withStorage(base, 1024, null)));
        assertRejected("InvalidParameterValueException", () -> functions.create(withStorage(base, 512,
                List.of(new Requests.FileSystemConfig("arn:aws:elasticfilesystem:us-east-1:123456789012:"
                        + "access-point/fsap-1", "/mnt/efs")))));
        assertRejected("ValidationException", () -> functions.create(ControlPlaneFixture.request("hello",
                TestPackages.zip("v1"), null, "Always")));

        FunctionConfig plain = functions.create(withStorage(ControlPlaneFixture.request("plain",
                TestPackages.zip("v1"), null), 1024, null));
        assertEquals(1024, plain.ephemeralStorage());
        assertRejected("InvalidParameterValueException", () -> functions.updateConfiguration(
                FunctionRef.parse("plain"), new Requests.UpdateFunctionConfiguration(null, null, null, null, null,
                        null, null, null, new Requests.SnapStart("PublishedVersions"), null, null, null)));

        createSnapStartFunction();
        fixture.controlPlane.versions().publish(HELLO, new Requests.PublishVersion(null, null, null));
        fixture.controlPlane.aliases().create(HELLO, new Requests.CreateAlias("live", "1", null, null));
        ProvisionedConcurrencyService provisioned = fixture.controlPlane.provisionedConcurrency();
        assertTrue(provisioned.refusal(HELLO_1, 1).getMessage().contains("SnapStart"));
        assertTrue(provisioned.refusal(FunctionRef.parse("hello:live"), 1).getMessage().contains("SnapStart"));
        assertEquals("Provisioned Concurrency Configs cannot be applied to unpublished function versions.",
                provisioned.refusal(FunctionRef.parse("hello:$LATEST"), 1).getMessage());
        fixture.controlPlane.versions().publish(FunctionRef.parse("plain"),
                new Requests.PublishVersion(null, null, null));
        LambdaException notOffered = provisioned.refusal(FunctionRef.parse("plain:1"), 1);
        assertEquals("InvalidParameterValueException", notOffered.type());
        assertTrue(notOffered.getMessage().contains("not available on this server"), notOffered.getMessage());
        assertRejected("ValidationException", () -> provisioned.refusal(HELLO_1, 0));
    }

    @Test
    void aVersionLeftPendingIsSnapshottedAtTheNextStartAndStraySnapshotsAreRemoved() throws Exception {
        fixture = new ControlPlaneFixture(dataDir);
        createSnapshotFunctionAndWaitForFailure();
        Path staging = Files.createDirectories(dataDir.resolve("snapshots/staging/interrupted"));
        putSnapshot("gone", "3-abc");

        fixture.restartEditing(store -> store.putVersion(version(store).withState(VersionState.creating())));

        assertFalse(Files.exists(staging), "a half-written snapshot is removed");
        assertFalse(fixture.snapshots.exists("gone", "3-abc"), "snapshots of unknown versions are removed");
        assertEquals(VersionState.FAILED, fixture.awaitState("hello:1", VersionState.FAILED).state().state(),
                "the interrupted snapshot was attempted again");
    }

    @Test
    void anIdleVersionGoesInactiveLosesItsSnapshotAndIsRecreatedWhenInvoked() throws Exception {
        fixture = new ControlPlaneFixture(dataDir, Duration.ofSeconds(2));
        createSnapshotFunctionAndWaitForFailure();
        String snapshot = seedActiveSnapshot(Instant.now().minus(Duration.ofHours(1)));

        FunctionConfig inactive = fixture.awaitState("hello:1", VersionState.INACTIVE);
        assertEquals("Idle", inactive.state().stateReasonCode());
        // The snapshot is deleted after the state is committed, outside the mutation lock.
        ControlPlaneFixture.await(() -> "the snapshot of an Inactive version is not deleted",
                () -> !fixture.snapshots.exists("hello", snapshot));

        LambdaException notReady = assertThrows(LambdaException.class, () -> invoke(HELLO_1));
        assertEquals("SnapStartNotReadyException", notReady.type());
        assertEquals(409, notReady.status());
        FunctionConfig recreated = fixture.controlPlane.functions().configuration(HELLO_1);
        assertTrue(recreated.state().is(VersionState.PENDING) || recreated.state().is(VersionState.FAILED),
                recreated.state().toString());
        assertEquals(VersionState.FAILED, fixture.awaitState("hello:1", VersionState.FAILED).state().state());
    }

    @Test
    void invocationsKeepAVersionActiveAcrossRestarts() throws Exception {
        fixture = new ControlPlaneFixture(dataDir, Duration.ofHours(1));
        createSnapshotFunctionAndWaitForFailure();
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(59));
        seedActiveSnapshot(longAgo);
        try {
            invoke(HELLO_1);
        } catch (LambdaException | IllegalStateException e) {
            // The seeded snapshot is not restorable; the invocation still counts.
        }
        Instant[] saved = new Instant[1];
        fixture.restartEditing(store -> saved[0] = store.snapshot("hello", "1").orElseThrow().lastInvoked());
        assertTrue(saved[0].isAfter(longAgo.plusSeconds(60)), "the last invocation was saved at close: " + saved[0]);
        assertEquals(VersionState.ACTIVE, fixture.controlPlane.functions().configuration(HELLO_1).state().state());
    }

    @Test
    void deletingAVersionOrTheFunctionDeletesItsSnapshots() throws Exception {
        fixture = new ControlPlaneFixture(dataDir);
        createSnapshotFunctionAndWaitForFailure();
        String snapshot = seedActiveSnapshot(Instant.now());

        fixture.controlPlane.functions().delete(HELLO_1);
        assertFalse(fixture.snapshots.exists("hello", snapshot));
        fixture.controlPlane.versions().publish(HELLO, new Requests.PublishVersion(null, "again", null));
        fixture.awaitState("hello:2", VersionState.FAILED);
        putSnapshot("hello", "2-x");
        fixture.controlPlane.functions().delete(HELLO);
        assertFalse(fixture.snapshots.exists("hello", "2-x"));
        assertTrue(fixture.snapshots.stats().stream().noneMatch(stats -> stats.function().equals("hello")));
    }

    private void createSnapStartFunction() {
        fixture.controlPlane.functions().create(ControlPlaneFixture.request("hello", TestPackages.zip("v1"), null,
                "PublishedVersions"));
    }

    private void createSnapshotFunctionAndWaitForFailure() throws Exception {
        createSnapStartFunction();
        fixture.controlPlane.versions().publish(HELLO, new Requests.PublishVersion(null, null, null));
        fixture.awaitState("hello:1", VersionState.FAILED);
    }

    /** Makes version 1 Active with a stored snapshot, as a server that took one would have left it. */
    private String seedActiveSnapshot(Instant lastInvoked) throws Exception {
        putSnapshot("hello", "1-seeded");
        fixture.restartEditing(store -> store.putSnapshot(version(store).withState(VersionState.active()),
                new SnapshotRecord("hello", "1", "1-seeded", "seeded", lastInvoked)));
        return "1-seeded";
    }

    /** Stores a snapshot whose image is not a real one: enough for everything but restoring it. */
    private void putSnapshot(String function, String snapshotId) throws Exception {
        Path files = Files.createDirectories(dataDir.resolve("seed-" + snapshotId).resolve("image"));
        Files.writeString(files.resolve("pages.img"), "not a real image");
        fixture.snapshots.put(function, snapshotId, files.getParent());
    }

    private static FunctionConfig version(MetadataStore store) {
        return store.version("hello", "1").orElseThrow();
    }

    private InvokeResponse invoke(FunctionRef ref) {
        return fixture.controlPlane.invocations().invoke(new InvokeRequest(ref, null, null, null, "\"x\"".getBytes()),
                "request-1");
    }

    private static Requests.CreateFunction withStorage(Requests.CreateFunction r, int size,
                                                       List<Requests.FileSystemConfig> fileSystems) {
        return new Requests.CreateFunction(r.functionName(), r.runtime(), r.role(), r.handler(), r.code(),
                r.description(), r.timeout(), r.memorySize(), r.publish(), r.packageType(), r.environment(),
                Map.of(), r.snapStart(), r.architectures(), new Requests.EphemeralStorage(size), fileSystems, null);
    }

    private static void assertRejected(String type, Runnable call) {
        LambdaException error = assertThrows(LambdaException.class, call::run);
        assertEquals(type, error.type(), error.getMessage());
    }
}
