package dev.thaw.store.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Manifest to JSON and back. Decoding checks everything a restore relies on, so a restore never writes
 * outside its target or trusts sizes and ids it has not checked.
 */
public final class ManifestCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // later formats may add fields
            .build();

    private ManifestCodec() {
    }

    public static byte[] encode(Manifest manifest) {
        try {
            return JSON.writeValueAsBytes(manifest);
        } catch (JacksonException e) {
            throw new IllegalStateException("manifest records always serialise", e);
        }
    }

    /** Parses and validates the manifest of (function, snapshotId). */
    public static Manifest decode(byte[] json, String function, String snapshotId) throws InvalidManifestException {
        Manifest manifest;
        try {
            manifest = JSON.readValue(json, Manifest.class);
        } catch (java.io.IOException e) {
            throw new InvalidManifestException("not a manifest: " + e.getMessage(), e);
        }
        if (manifest.format() != Manifest.FORMAT) {
            throw new InvalidManifestException("unsupported manifest format " + manifest.format());
        }
        if (!function.equals(manifest.function()) || !snapshotId.equals(manifest.snapshotId())) {
            throw new InvalidManifestException("manifest names " + manifest.function() + "/" + manifest.snapshotId());
        }
        if (manifest.chunkSize() != Chunks.SIZE) {
            throw new InvalidManifestException("unsupported chunk size " + manifest.chunkSize());
        }
        if (manifest.entries() == null) {
            throw new InvalidManifestException("manifest has no entry list");
        }
        checkEntries(manifest.entries());
        return manifest;
    }

    private static void checkEntries(List<ManifestEntry> entries) throws InvalidManifestException {
        Set<String> directories = new HashSet<>();
        Set<String> paths = new HashSet<>();
        for (ManifestEntry entry : entries) {
            String path = entry.path();
            checkPath(path);
            if (!paths.add(path)) {
                throw new InvalidManifestException("duplicate path " + path);
            }
            int slash = path.lastIndexOf('/');
            if (slash > 0 && !directories.contains(path.substring(0, slash))) {
                throw new InvalidManifestException(path + " comes before its directory");
            }
            if (entry.type() == null || (entry.mode() & ~07777) != 0 || entry.chunks() == null) {
                throw new InvalidManifestException("malformed entry " + path);
            }
            switch (entry.type()) {
                case DIRECTORY -> directories.add(path);
                case FILE -> checkFile(entry);
                case SYMLINK -> {
                    if (entry.linkTarget() == null || entry.linkTarget().isEmpty()) {
                        throw new InvalidManifestException("symlink without target " + path);
                    }
                }
            }
        }
    }

    private static void checkFile(ManifestEntry entry) throws InvalidManifestException {
        if (entry.size() < 0 || entry.chunks().size() != Chunks.countFor(entry.size())) {
            throw new InvalidManifestException("size and chunk count disagree for " + entry.path());
        }
        for (String id : entry.chunks()) {
            if (!Chunks.isId(id)) {
                throw new InvalidManifestException("bad chunk id in " + entry.path());
            }
        }
    }

    private static void checkPath(String path) throws InvalidManifestException {
        if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new InvalidManifestException("bad path " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidManifestException("path escapes or is not normal: " + path);
            }
        }
    }
}
