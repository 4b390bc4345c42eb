package dev.thaw.store.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ManifestCodecTest {
    private static final String ID = Chunks.id(new byte[] {1});

    @Test
    void decodesWhatItEncoded() throws Exception {
        Manifest manifest = Manifest.of("f", "1", List.of(
                ManifestEntry.directory("a", 0755, 1L),
                ManifestEntry.file("a/b", 04755, 2L, 1, List.of(ID)),
                ManifestEntry.symlink("a/c", 3L, "../x"),
                ManifestEntry.file("empty", 0644, 4L, 0, List.of())));
        assertEquals(manifest, ManifestCodec.decode(ManifestCodec.encode(manifest), "f", "1"));
    }

    @Test
    void rejectsManifestsARestoreCouldNotTrust() {
        List<List<ManifestEntry>> bad = List.of(
                List.of(ManifestEntry.file("../escape", 0644, 0, 1, List.of(ID))),
                List.of(ManifestEntry.file("/absolute", 0644, 0, 1, List.of(ID))),
                List.of(ManifestEntry.directory("a", 0755, 0), ManifestEntry.file("a//b", 0644, 0, 1, List.of(ID))),
                List.of(ManifestEntry.file("a/before-its-directory", 0644, 0, 1, List.of(ID))),
                List.of(ManifestEntry.file("x", 0644, 0, Chunks.SIZE + 1L, List.of(ID))),
                List.of(ManifestEntry.file("x", 0644, 0, 1, List.of("not-an-id"))),
                List.of(ManifestEntry.file("x", 0644, 0, 1, List.of(ID)), ManifestEntry.file("x", 0644, 0, 1, List.of(ID))),
                List.of(ManifestEntry.file("x", 010644, 0, 1, List.of(ID))),
                List.of(new ManifestEntry("l", EntryType.SYMLINK, 0777, 0, 0, List.of(), null)));
        for (List<ManifestEntry> entries : bad) {
            byte[] json = ManifestCodec.encode(Manifest.of("f", "1", entries));
            assertThrows(InvalidManifestException.class, () -> ManifestCodec.decode(json, "f", "1"), entries.toString());
        }
    }

    @Test
    void rejectsAManifestOfAnotherSnapshot() {
        byte[] json = ManifestCodec.encode(Manifest.of("f", "1", List.of()));
        assertThrows(InvalidManifestException.class, () -> ManifestCodec.decode(json, "f", "2"));
        assertThrows(InvalidManifestException.class, () -> ManifestCodec.decode(json, "g", "1"));
        assertThrows(InvalidManifestException.class, () -> ManifestCodec.decode("{]".getBytes(), "f", "1"));
    }
}
