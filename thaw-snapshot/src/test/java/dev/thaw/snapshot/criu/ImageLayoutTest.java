package dev.thaw.snapshot.criu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pagemaps as CRIU 4.1 writes them (compat_nr_pages) and as later versions do (nr_pages). */
class ImageLayoutTest {

    private static final int LAZY_PRESENT = PagemapImage.LAZY | PagemapImage.PRESENT;

    @TempDir
    Path images;

    @Test
    void countsEagerAndLazyPagesOverEveryTask() throws IOException {
        write("pagemap-1.img", entry(0x1000_0000L, 256, LAZY_PRESENT, false),
                entry(0x8000_0000L, 4, PagemapImage.PRESENT, false), entry(0x9000_0000L, 8, 0, false));
        write("pagemap-7.img", entry(0x2000_0000L, 16, LAZY_PRESENT, true));
        Files.writeString(images.resolve("pages-1.img"), "not a pagemap");

        ImageLayout layout = ImageLayout.of(images);

        assertEquals(256 + 4 + 16, layout.imagePages(), "holes (not present) hold no pages");
        assertEquals(256 + 16, layout.lazyPages());
        assertEquals(4, layout.eagerPages());
        assertTrue(layout.isLazy(0x1000_0000L));
        assertTrue(layout.isLazy(0x1000_0000L + 255 * 4096));
        assertFalse(layout.isLazy(0x1000_0000L + 256 * 4096), "the first page after a run");
        assertTrue(layout.isLazy(0x2000_0000L + 15 * 4096), "a 64-bit count is read too");
        assertFalse(layout.isLazy(0x8000_0000L), "eager");
        assertFalse(layout.isLazy(0x0FFF_F000L));
    }

    @Test
    void rejectsTruncatedPagemaps() throws IOException {
        byte[] whole = CriuImages.pagemap(1, entry(0x1000_0000L, 2, LAZY_PRESENT, false));
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        assertThrows(IOException.class, () -> PagemapImage.parse(cut, "cut"));
    }

    private void write(String name, byte[]... entries) throws IOException {
        Files.write(images.resolve(name), CriuImages.pagemap(1, entries));
    }

    private static byte[] entry(long vaddr, long pages, int flags, boolean wide) {
        return CriuImages.entry(vaddr, pages, flags, wide);
    }
}
