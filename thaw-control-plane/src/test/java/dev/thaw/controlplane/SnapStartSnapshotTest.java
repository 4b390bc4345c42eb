package dev.thaw.controlplane;

import example.Greeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Publishing takes a real snapshot and cold starts restore it; skipped where this host cannot take snapshots. */
class SnapStartSnapshotTest {

    private static final FunctionRef GREETER = FunctionRef.parse("greeter");
    private static final FunctionRef GREETER_1 = FunctionRef.parse("greeter:1");

    @TempDir
    Path dataDir;
    private ControlPlaneFixture fixture;

    @BeforeEach
    void open() {
        fixture = new ControlPlaneFixture(dataDir);
        assumeTrue(fixture.worker.snapshotsUnavailable().isEmpty(),
                () -> "snapshots unavailable: " + fixture.worker.snapshotsUnavailable().orElseThrow());
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void coldStartsOfAPublishedVersionRestoreItsSnapshotAndLatestStartsOnDemand() throws Exception {
        fixture.controlPlane.functions().create(new Requests.CreateFunction("greeter", "java21",
                ControlPlaneFixture.ROLE, "example.Greeter::handleRequest",
                new Requests.FunctionCode(TestPackages.classes(Greeter.class), null, null, null, null), null, null,
                256, null, null, null, Map.of(), new Requests.SnapStart("PublishedVersions"), null, null, null, null));
        assertEquals(VersionState.PENDING, fixture.controlPlane.versions()
                .publish(GREETER, new Requests.PublishVersion(null, null, null)).state().state());

        FunctionConfig active = fixture.awaitState("greeter:1", VersionState.ACTIVE);
        assertEquals(VersionState.active(), active.state());
        String initLog = fixture.worker.logs().read("greeter");
        assertEquals(1, initLog.split("greeter initialised", -1).length - 1,
                () -> "the snapshot's init is logged once:\n" + initLog);
        String first = coldStart(GREETER_1);
        String second = coldStart(GREETER_1);
        assertEquals(first, second, "both copies were restored from one snapshot taken after init");
        assertNotEquals(coldStart(GREETER), coldStart(GREETER), "$LATEST runs init at every cold start");
        assertTrue(fixture.worker.logs().read("greeter").contains("START"), "the logs are kept");

        fixture.reopen();
        assertEquals(VersionState.ACTIVE, fixture.controlPlane.functions().configuration(GREETER_1).state().state());
        assertEquals(first, coldStart(GREETER_1), "the snapshot survives a restart");

        fixture.controlPlane.functions().delete(GREETER);
        assertFalse(Files.exists(dataDir.resolve("snapshots/greeter")));
    }

    private String coldStart(FunctionRef ref) {
        fixture.worker.discard(ref.name(), null);
        InvokeResponse response = fixture.controlPlane.invocations().invoke(new InvokeRequest(ref, null, null, null,
                "\"Bob\"".getBytes(StandardCharsets.UTF_8)), "request");
        assertNull(response.functionError(), () -> new String(response.payload(), StandardCharsets.UTF_8));
        return new String(response.payload(), StandardCharsets.UTF_8);
    }
}
