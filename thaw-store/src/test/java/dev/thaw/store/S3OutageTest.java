package dev.thaw.store;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An unreachable bucket fails operations with a clear StoreException after the SDK's retries, in bounded time. */
class S3OutageTest {
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private S3Server s3;
    private StoreConfig config;

    @BeforeEach
    void setUp() throws Exception {
        s3 = S3Server.start();
        config = StoreConfig.defaults(tmp.resolve("data")).withS3(s3.location())
                .withMasterKeyFile(TestKeys.write(tmp.resolve("master.key")));
    }

    @AfterEach
    void tearDown() throws Exception {
        s3.close();
    }

    @Test
    void failsClearlyWhileS3IsDownAndWorksAgainWhenItIsBack() throws Exception {
        Path source = TestTrees.sample(tmp.resolve("source"), 10);
        try (SnapshotStore store = SnapshotStore.open(config, new SimpleMeterRegistry())) {
            store.put("f", "1", source);
            s3.stop();

            StoreException fetch = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(StoreException.class, () -> store.fetch("f", "1", tmp.resolve("t1"))));
            assertTrue(fetch.getMessage().contains("s3 " + s3.location().endpoint())
                    && fetch.getMessage().contains("attempts"), fetch.getMessage());
            StoreException put = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(StoreException.class, () -> store.put("f", "2", source)));
            assertTrue(put.getMessage().contains("durable tier"), put.getMessage());
            StoreException open = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(StoreException.class, () -> SnapshotStore.open(config, new SimpleMeterRegistry())));
            assertTrue(open.getMessage().contains("HeadBucket"), open.getMessage());

            s3.restart();
            store.fetch("f", "1", tmp.resolve("t2"));
            assertEquals(TestTrees.describe(source), TestTrees.describe(tmp.resolve("t2")));
        }
    }
}
