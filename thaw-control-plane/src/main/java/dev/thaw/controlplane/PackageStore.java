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
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Content-addressed deployment packages: {@code packages/<sha256-hex>.zip} as uploaded and
 * {@code code/<sha256-hex>/} unpacked once. Identical uploads share both.
 */
public final class PackageStore {

    private final Path packages;
    private final Path code;

    public PackageStore(Path dataDir) {
        this.packages = dataDir.resolve("packages");
        this.code = dataDir.resolve("code");
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
        Path codeDir = code.resolve(hex);
        try {
            if (!Files.isDirectory(codeDir)) {
                unpackAtomically(zip, codeDir);
            }
            Path zipFile = zipPath(hex);
            if (!Files.exists(zipFile)) {
                Path temporary = Files.write(packages.resolve(hex + "." + UUID.randomUUID() + ".tmp"), zip);
                Files.move(temporary, zipFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store deployment package " + hex, e);
        }
        return new StoredPackage(Base64.getEncoder().encodeToString(digest), zip.length);
    }

    /** The unpacked code of a package, by its CodeSha256. */
    public Path codeDir(String codeSha256) {
        return code.resolve(hexOf(codeSha256));
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

    /** The zip of a package, by the hex form of its SHA-256. */
    public Path zipPath(String sha256Hex) {
        return packages.resolve(sha256Hex + ".zip");
    }

    public static String hexOf(String codeSha256) {
        return HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
    }

    // Unpacks next to the target and renames, so a crash never leaves a half-unpacked directory under the final name.
    private static void unpackAtomically(byte[] zip, Path codeDir) throws IOException {
        Path staging = codeDir.resolveSibling("." + codeDir.getFileName() + "." + UUID.randomUUID());
        try {
            ZipUnpacker.unpack(zip, staging);
            Files.move(staging, codeDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A concurrent upload of the same package won the rename: its result is identical.
            if (!Files.isDirectory(codeDir)) {
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
