package dev.thaw.controlplane;

import dev.thaw.store.GatedDeletes;
import dev.thaw.store.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A deletion commits the metadata under the mutation lock and removes environments and snapshots after it: while
 * the durable tier holds a function's snapshot deletion, every other change goes on.
 */
class DeferredCleanupTest {

    private static final long PATIENCE_SECONDS = 20;

    @TempDir
    Path dataDir;

    @Test
    void aDeletionWaitingOnTheDurableTierHoldsUpNoOtherChange() throws Exception {
        GatedDeletes.Gate gate = new GatedDeletes.Gate();
        try (ControlPlaneFixture fixture = new ControlPlaneFixture(dataDir,
                GatedDeletes.store(StoreConfig.defaults(dataDir), gate));
             ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            FunctionService functions = fixture.controlPlane.functions();
            fixture.create("doomed", TestPackages.zip("v1"));
            fixture.create("busy", TestPackages.zip("v1"));
            try {
                CompletableFuture<Void> deletion = CompletableFuture.runAsync(
                        () -> functions.delete(FunctionRef.parse("doomed")), callers);
                gate.awaitArrival();
                assertThrows(LambdaException.class, () -> functions.configuration(FunctionRef.parse("doomed")),
                        "the deletion is committed before its snapshots go");

                FunctionRef busy = FunctionRef.parse("busy");
                CompletableFuture.runAsync(() -> {
                    fixture.create("fresh", TestPackages.zip("v2"));
                    functions.updateConfiguration(busy, new Requests.UpdateFunctionConfiguration(null, null,
                            "changed", null, null, null, null, null, null, null, null, null));
                    functions.updateCode(busy, new Requests.UpdateFunctionCode(TestPackages.zip("v3"), null, null,
                            null, null, null, null, null));
                    fixture.controlPlane.versions().publish(busy, new Requests.PublishVersion(null, null, null));
                    fixture.controlPlane.aliases().create(busy, new Requests.CreateAlias("live", "1", null, null));
                }, callers).get(PATIENCE_SECONDS, TimeUnit.SECONDS);
                assertFalse(deletion.isDone(), "the snapshot deletion is still held at the durable tier");

                LambdaException recreated = assertThrows(LambdaException.class,
                        () -> fixture.create("doomed", TestPackages.zip("v4")));
                assertEquals("ResourceConflictException", recreated.type(), recreated.getMessage());

                gate.open();
                deletion.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
                assertEquals("doomed", fixture.create("doomed", TestPackages.zip("v4")).functionName());
            } finally {
                gate.open();
            }
        }
    }
}
