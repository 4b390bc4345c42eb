package dev.thaw.worker;

import dev.thaw.store.SnapshotStore;
import dev.thaw.store.StoreConfig;
import dev.thaw.store.StoreException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.nio.file.Path;

/** A real snapshot store on local directories under a test's data directory. */
final class TestStores {

    private TestStores() {
    }

    static SnapshotStore open(Path dataDir) {
        try {
            return SnapshotStore.open(StoreConfig.defaults(dataDir), new SimpleMeterRegistry());
        } catch (StoreException e) {
            throw new IllegalStateException(e);
        }
    }
}
