package dev.thaw.store.format;

import java.util.regex.Pattern;

/**
 * Names of the store's objects, the same string in every tier: {@code chunks/<function>/<id>},
 * {@code manifests/<function>/<snapshotId>}, {@code working-sets/<function>/<snapshotId>} and
 * {@code keys/<function>}.
 */
public final class ObjectKeys {
    public static final String CHUNKS = "chunks/";
    public static final String MANIFESTS = "manifests/";
    public static final String WORKING_SETS = "working-sets/";
    public static final String KEYS = "keys/";

    // No '/' (keys are paths on disk), no leading '.' (temp files), no glob characters (Redis SCAN patterns).
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._:-]{0,127}");

    private ObjectKeys() {
    }

    /** Answers name, or throws when it cannot be part of an object key. */
    public static String requireName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME + ": " + name);
        }
        return name;
    }

    public static String chunk(String function, String chunkId) {
        return chunkPrefix(function) + chunkId;
    }

    public static String chunkPrefix(String function) {
        return CHUNKS + function + "/";
    }

    public static String manifest(String function, String snapshotId) {
        return manifestPrefix(function) + snapshotId;
    }

    public static String manifestPrefix(String function) {
        return MANIFESTS + function + "/";
    }

    public static String workingSet(String function, String snapshotId) {
        return workingSetPrefix(function) + snapshotId;
    }

    public static String workingSetPrefix(String function) {
        return WORKING_SETS + function + "/";
    }

    public static String dataKey(String function) {
        return KEYS + function;
    }

    /** The function a key belongs to: its second segment. */
    public static String functionOf(String key) {
        int start = key.indexOf('/') + 1;
        int end = key.indexOf('/', start);
        return end < 0 ? key.substring(start) : key.substring(start, end);
    }

    /** The key's last segment: a chunk id or a snapshot id. */
    public static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('/') + 1);
    }
}
