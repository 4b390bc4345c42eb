package dev.thaw.worker.sandbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The environments' /tmp: one disk-backed file system each, exactly EphemeralStorage in size, as on Lambda (so
 * what a function keeps there counts against its disk, not its memory). Each is an ext4 file system in a sparse
 * file of the worker's, loop-mounted on the host below the data directory (owner-only) and bound at /tmp inside;
 * it takes disk only for what is written, and is gone with its environment. Making one takes two process starts,
 * so a couple of the sizes asked for are kept ready.
 */
public final class TmpVolumes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TmpVolumes.class);
    private static final int READY = 2;
    private static final String IMAGE_SUFFIX = ".img";
    /** /tmp's usual mode, 1777. */
    private static final int STICKY_WORLD_WRITABLE = 01777;

    private final Path dir;
    private final ReadyPool<Integer, TmpVolume> pool;

    /** One /tmp: the mounted directory and the file behind it. */
    public record TmpVolume(Path mountPoint, Path image) {

        void release() {
            HostCommands.unmount(mountPoint);
            try {
                Files.deleteIfExists(mountPoint);
                Files.deleteIfExists(image);
            } catch (IOException e) {
                LOG.warn("cannot remove the /tmp volume {}: {}", image, e.toString());
            }
        }
    }

    /**
     * Removes what a worker that died left in {@code dir}.
     *
     * @param sizeMb the size made ahead from the start (Lambda's default, the only one SnapStart allows)
     */
    public TmpVolumes(Path dir, int sizeMb) throws IOException {
        this.dir = dir;
        removeAbandoned(dir);
        FileTrees.createPrivateDirectory(dir);
        this.pool = new ReadyPool<>("thaw-tmp-volumes", READY, this::create, TmpVolume::release);
        pool.prepare(sizeMb);
    }

    /** An empty /tmp of {@code sizeMb} for one environment. */
    public TmpVolume take(int sizeMb) throws IOException {
        return pool.take(sizeMb);
    }

    /** Gives a volume back: it is unmounted and deleted in the background. */
    public void release(TmpVolume volume) {
        pool.release(volume);
    }

    private TmpVolume create(int sizeMb) throws IOException {
        String name = UUID.randomUUID().toString();
        TmpVolume volume = new TmpVolume(dir.resolve(name), dir.resolve(name + IMAGE_SUFFIX));
        try {
            try (RandomAccessFile image = new RandomAccessFile(volume.image().toFile(), "rw")) {
                image.setLength(sizeMb * 1024L * 1024L);
            }
            // No journal and no reserved blocks: a scratch file system that lives as long as its environment.
            HostCommands.run(List.of("mkfs.ext4", "-q", "-F", "-m", "0", "-O", "^has_journal",
                    "-E", "nodiscard,lazy_itable_init=1", volume.image().toString()));
            Files.createDirectory(volume.mountPoint());
            HostCommands.run(List.of("mount", "-o", "loop,nosuid,nodev", volume.image().toString(),
                    volume.mountPoint().toString()));
            Files.delete(volume.mountPoint().resolve("lost+found"));
            Files.setAttribute(volume.mountPoint(), "unix:mode", STICKY_WORLD_WRITABLE);
            return volume;
        } catch (IOException | RuntimeException e) {
            volume.release();
            throw e;
        }
    }

    private static void removeAbandoned(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> mountPoints;
        try (Stream<Path> children = Files.list(dir)) {
            mountPoints = children.filter(p -> !p.getFileName().toString().endsWith(IMAGE_SUFFIX)).toList();
        }
        for (Path mountPoint : mountPoints) {
            new TmpVolume(mountPoint, mountPoint.resolveSibling(mountPoint.getFileName() + IMAGE_SUFFIX)).release();
        }
        if (!mountPoints.isEmpty()) {
            LOG.info("released {} /tmp volumes left by an earlier worker", mountPoints.size());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
