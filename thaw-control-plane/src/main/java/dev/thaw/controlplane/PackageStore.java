package dev.thaw.controlplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Content-addressed deployment packages: {@code packages/<sha256-hex>.zip} as uploaded and
 * {@code code/<sha256-hex>/} unpacked once. Identical uploads share both. With servers sharing a database, every
 * upload is kept there too, and a package this server lacks is fetched from there (checked against its SHA-256)
 * the first time it is needed.
 */
public final class PackageStore {

    private final Path packages;
    private final Path code;
    private final Optional<SharedPackages> shared;

    public PackageStore(Path dataDir) {
        this(dataDir, Optional.empty());
    }

    public PackageStore(Path dataDir, Optional<SharedPackages> shared) {
        this.packages = dataDir.resolve("packages");
        this.code = dataDir.resolve("code");
        this.shared = shared;
        try {
            Files.createDirectories(packages);
            Files.createDirectories(code);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores and unpacks the zip unless a package with the same content is already there. */
    public StoredPackage store(byte[] zip) {
        byte[] digest = sha256(zip);
        String hex = HexFormat.of().formatHex(digest);
        storeLocally(hex, zip);
        shared.ifPresent(target -> target.putPackage(hex, zip));
        return new StoredPackage(Base64.getEncoder().encodeToString(digest), zip.length);
    }

    private void storeLocally(String hex, byte[] zip) {
        Path codeDir = code.resolve(hex);
        try {
            if (!Files.isDirectory(codeDir)) {
                unpackAtomically(zip, codeDir);
            }
            Path zipFile = packages.resolve(hex + ".zip");
            if (!Files.exists(zipFile)) {
                Path temporary = Files.write(packages.resolve(hex + "." + UUID.randomUUID() + ".tmp"), zip);
                Files.move(temporary, zipFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store deployment package " + hex, e);
        }
    }

    /** The unpacked code of a package, by its CodeSha256; fetched from the shared packages when not here. */
    public Path codeDir(String codeSha256) {
        String hex = hexOf(codeSha256);
        Path dir = code.resolve(hex);
        if (!Files.isDirectory(dir)) {
            fetch(hex);
        }
        return dir;
    }

    /** The size of a package's files once unzipped, by its CodeSha256. */
    public long unpackedSize(String codeSha256) {
        try (Stream<Path> paths = Files.walk(codeDir(codeSha256))) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure deployment package " + hexOf(codeSha256), e);
        }
    }

    /**
     * Removes the packages (zip and unpacked code) no version refers to, and what interrupted uploads left. Only
     * while nothing uploads: a package is stored before the version that refers to it is committed.
     *
     * @param referenced the CodeSha256 of every version
     * @return how many packages were removed
     */
    public int retainOnly(Set<String> referenced) {
        Set<String> keep = referenced.stream().map(PackageStore::hexOf).collect(Collectors.toSet());
        int removed = 0;
        try {
            for (Path entry : list(packages)) {
                String name = entry.getFileName().toString();
                if (!name.endsWith(".zip") || !keep.contains(name.substring(0, name.length() - ".zip".length()))) {
                    Files.deleteIfExists(entry);
                    removed += name.endsWith(".zip") ? 1 : 0;
                }
            }
            for (Path entry : list(code)) {
                if (!keep.contains(entry.getFileName().toString())) {
                    deleteTree(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect unused deployment packages", e);
        }
        return removed;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }

    /** The zip of a package, by the hex form of its SHA-256; fetched from the shared packages when not here. */
    public Path zipPath(String sha256Hex) {
        Path zip = packages.resolve(sha256Hex + ".zip");
        if (!Files.exists(zip)) {
            fetch(sha256Hex);
        }
        return zip;
    }

    /** Copies a package another server stored into this one's directories, unless it is not shared either. */
    private void fetch(String hex) {
        Optional<byte[]> zip = shared.flatMap(source -> source.packageZip(hex));
        if (zip.isEmpty()) {
            return;
        }
        if (!HexFormat.of().formatHex(sha256(zip.get())).equals(hex)) {
            throw new IllegalStateException("the shared package " + hex + " does not have that SHA-256");
        }
        storeLocally(hex, zip.get());
    }

    public static String hexOf(String codeSha256) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
    }

    private static void unpackAtomically(byte[] zip, Path codeDir) throws IOException {
        createAtomically(codeDir, staging -> ZipUnpacker.unpack(zip, staging));
    }

    /** Fills a directory that does not exist yet. */
    @FunctionalInterface
    public interface Filler {
        void fill(Path staging) throws IOException;
    }

    /**
     * Makes {@code dir} by filling a staging directory beside it and renaming that, so a crash never leaves a
     * half-made directory under the final name. Content-addressed directories come out the same whoever makes
     * them, so one that a concurrent maker renamed first is as good.
     */
    public static void createAtomically(Path dir, Filler fill) throws IOException {
        Path staging = dir.resolveSibling("." + dir.getFileName() + "." + UUID.randomUUID());
        try {
            fill.fill(staging);
            Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        } finally {
            deleteTree(staging);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
