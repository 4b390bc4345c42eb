package dev.thaw.store.crypto;

import dev.thaw.store.StoreException;
import dev.thaw.store.format.ObjectKeys;
import dev.thaw.store.tier.Durable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The store's current master key, plus the next one while a rotation runs. With no operator-supplied key file
 * the store manages {@code master.key} itself: created (0600) on first open, and replaced atomically at the end
 * of a rotation. The next key is written to {@code master.key.next} before any data key is re-wrapped, so a
 * store that crashed mid-rotation still opens every data key and finishes the rotation when it opens again.
 */
public final class MasterKeys {
    private static final Logger LOG = LoggerFactory.getLogger(MasterKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Present when the store manages the key file, empty with an operator-supplied one. */
    private final Optional<Path> managedFile;
    private volatile MasterKey current;
    private volatile MasterKey next;

    private MasterKeys(Optional<Path> managedFile, MasterKey current, MasterKey next) {
        this.managedFile = managedFile;
        this.current = current;
        this.next = next;
    }

    /** Reads the operator's key file if named; otherwise reads, or creates, the managed one. */
    public static MasterKeys open(Optional<Path> operatorFile, Path managedFile, Durable durable)
            throws StoreException {
        if (operatorFile.isPresent()) {
            return new MasterKeys(Optional.empty(), MasterKey.read(operatorFile.get()), null);
        }
        Path nextFile = nextFile(managedFile);
        if (Files.exists(managedFile)) {
            warnIfReadableByOthers(managedFile);
            MasterKey next = Files.exists(nextFile) ? MasterKey.read(nextFile) : null;
            return new MasterKeys(Optional.of(managedFile), MasterKey.read(managedFile), next);
        }
        int wrapped = durable.list(ObjectKeys.KEYS).size();
        if (wrapped > 0) {
            throw new StoreException("master key file " + managedFile + " is missing but the durable tier holds "
                    + wrapped + " data keys wrapped by a master key: restore the file, or name the key file in the"
                    + " store's configuration");
        }
        MasterKey created = MasterKey.generate();
        writeOwnerOnly(managedFile, created.encoded());
        LOG.info("created master key {} at {}", created.id(), managedFile);
        return new MasterKeys(Optional.of(managedFile), created, null);
    }

    public MasterKey current() {
        return current;
    }

    /** The key a rotation was moving to when the store stopped, if it did not finish. */
    public Optional<MasterKey> unfinishedRotation() {
        return Optional.ofNullable(next);
    }

    /** The current or the next key, whichever has this id. */
    public Optional<MasterKey> byId(String id) {
        MasterKey next = this.next;
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return next != null && next.id().equals(id) ? Optional.of(next) : Optional.empty();
    }

    /** Makes next usable for unwrapping before any data key is wrapped with it, and persists it if managed. */
    public void beginRotation(MasterKey next) throws StoreException {
        if (managedFile.isPresent()) {
            writeOwnerOnly(nextFile(managedFile.get()), next.encoded());
        }
        this.next = next;
    }

    /** Makes next the current key once every data key is wrapped with it. */
    public void completeRotation(MasterKey next) throws StoreException {
        if (managedFile.isPresent()) {
            try {
                Files.move(nextFile(managedFile.get()), managedFile.get(), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new StoreException("cannot replace master key file " + managedFile.get() + ": " + e, e);
            }
        }
        current = next;
        this.next = null;
    }

    public boolean managed() {
        return managedFile.isPresent();
    }

    private static Path nextFile(Path managedFile) {
        return managedFile.resolveSibling(managedFile.getFileName() + ".next");
    }

    private static void warnIfReadableByOthers(Path file) throws StoreException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                LOG.warn("master key file {} is {}: it should be readable by its owner only",
                        file, PosixFilePermissions.toString(permissions));
            }
        } catch (IOException e) {
            throw new StoreException("cannot read the permissions of master key file " + file + ": " + e, e);
        }
    }

    /** Creates the file with owner-only permissions from the start, then renames it into place. */
    private static void writeOwnerOnly(Path file, byte[] content) throws StoreException {
        Path temp = file.resolveSibling("." + file.getFileName() + ".tmp-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(content));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StoreException("cannot write master key file " + file + ": " + e, e);
        }
    }
}
