package dev.thaw.controlplane.layers;

import dev.thaw.controlplane.FunctionLayer;
import dev.thaw.controlplane.PackageStore;
import dev.thaw.worker.sandbox.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a function's {@code /opt} is made of: its layers' unpacked packages merged in the order the function lists
 * them, a later layer's file replacing an earlier one's at the same path, as Lambda extracts them. One directory per
 * ordered list of packages ({@code opt/<sha-256 of the list>}), of hard links into the package store, made once and
 * shared; {@code opt/none} for functions without layers. Rebuilt on demand, so a start clears them all.
 */
public final class LayerDirectories {

    private final Path root;
    private final PackageStore packages;
    private final Path none;

    public LayerDirectories(Path dataDir, PackageStore packages) {
        this.root = dataDir.resolve("opt");
        this.packages = packages;
        this.none = root.resolve("none");
        try {
            FileTrees.delete(root);
            Files.createDirectories(none);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the layer directories in " + root, e);
        }
    }

    /** The host directory that is {@code /opt} for a function with these layers. */
    public Path of(List<FunctionLayer> layers) {
        if (layers.isEmpty()) {
            return none;
        }
        Path merged = root.resolve(key(layers));
        if (Files.isDirectory(merged)) {
            return merged;
        }
        try {
            PackageStore.createAtomically(merged, staging -> {
                Files.createDirectories(staging);
                for (FunctionLayer layer : layers) {
                    mergeInto(packages.codeDir(layer.codeSha256()), staging);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot merge the layers into " + merged, e);
        }
        return merged;
    }

    private static void mergeInto(Path layer, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(layer)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path destination = target.resolve(layer.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    if (!Files.isDirectory(destination)) {
                        FileTrees.delete(destination);
                        Files.createDirectories(destination);
                    }
                } else {
                    FileTrees.delete(destination);
                    Files.createLink(destination, path);
                }
            }
        }
    }

    private static String key(List<FunctionLayer> layers) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (FunctionLayer layer : layers) {
                digest.update((layer.codeSha256() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
