package dev.thaw.store.crypto;

/**
 * Associated data binding each sealed object to its name, so that a sealed object moved under another key
 * (another chunk id, snapshot or function) fails authentication instead of being restored.
 */
public final class Aad {
    private Aad() {
    }

    public static String chunk(String function, String chunkId) {
        return "chunk:" + function + "/" + chunkId;
    }

    public static String manifest(String function, String snapshotId) {
        return "manifest:" + function + "/" + snapshotId;
    }

    public static String workingSet(String function, String snapshotId) {
        return "working-set:" + function + "/" + snapshotId;
    }

    public static String dataKey(String function) {
        return "data-key:" + function;
    }
}
