package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.criu.PendingPages.Extent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TaskImageTest {

    private static final long P = PendingPages.PAGE;
    private static final int LAZY_PRESENT = PagemapImage.LAZY | PagemapImage.PRESENT;

    @TempDir
    Path images;

    @Test
    void lazyPagesAreCutAtMappingsAndFoundInThePagesFileAfterEveryPresentRunBeforeThem() throws IOException {
        Files.write(images.resolve("pagemap-7.img"), CriuImages.pagemap(3,
                CriuImages.entry(0x1000_0000L, 2, PagemapImage.PRESENT, false),
                CriuImages.entry(0x2000_0000L, 6, LAZY_PRESENT, false),
                CriuImages.entry(0x3000_0000L, 4, PagemapImage.LAZY, false),
                CriuImages.entry(0x4000_0000L, 3, LAZY_PRESENT, true)));
        // Two adjacent mappings share the run at 0x2000_0000; the vsyscall page lies above any signed long.
        Files.write(images.resolve("mm-7.img"), CriuImages.mm(0x1000_0000L, 0x1000_0000L + 2 * P,
                0x2000_0000L, 0x2000_0000L + 4 * P, 0x2000_0000L + 4 * P, 0x2000_0000L + 16 * P,
                0x4000_0000L, 0x4000_0000L + 3 * P, 0xFFFF_FFFF_FF60_0000L, 0xFFFF_FFFF_FF60_1000L));

        TaskImage task = TaskImage.read(images, 7);

        assertEquals(images.resolve("pages-3.img"), task.pagesFile());
        assertEquals(List.of(new Extent(0x2000_0000L, 0x2000_0000L + 4 * P, 0x2000_0000L, 2 * P),
                new Extent(0x2000_0000L + 4 * P, 0x2000_0000L + 6 * P, 0x2000_0000L + 4 * P, 6 * P),
                new Extent(0x4000_0000L, 0x4000_0000L + 3 * P, 0x4000_0000L, 8 * P)), task.lazy(),
                "the eager run's pages come first in the file; a hole takes no room in it");
        assertArrayEquals(new long[] {0, 2 * P}, task.eager(), "what CRIU itself reads of the pages file");
        assertEquals(List.of(7), TaskImage.tasks(images));

        assertArrayEquals(new long[] {8 * P, 9 * P, 5 * P, 7 * P, 2 * P, 3 * P},
                task.offsetsOf(new long[] {0x4000_0000L, 0x2000_0000L + 3 * P, 0x2000_0000L + 4 * P,
                        0x1000_0000L, 0x3000_0000L, 0x2000_0000L}),
                "a working set's pages in the file, in touch order, neighbours across mappings joined, "
                        + "eager and absent pages left out");
    }

    @Test
    void countsEagerAndLazyPagesOverEveryTaskWhicheverWayCriuWroteTheCounts() throws IOException {
        Files.write(images.resolve("pagemap-1.img"), CriuImages.pagemap(1,
                CriuImages.entry(0x1000_0000L, 256, LAZY_PRESENT, false),
                CriuImages.entry(0x8000_0000L, 4, PagemapImage.PRESENT, false),
                CriuImages.entry(0x9000_0000L, 8, 0, false)));
        Files.write(images.resolve("mm-1.img"), CriuImages.mm(0x1000_0000L, 0x1000_0000L + 256 * P,
                0x8000_0000L, 0x8000_0000L + 4 * P, 0x9000_0000L, 0x9000_0000L + 8 * P));
        Files.write(images.resolve("pagemap-7.img"), CriuImages.pagemap(2,
                CriuImages.entry(0x2000_0000L, 16, LAZY_PRESENT, true)));
        Files.write(images.resolve("mm-7.img"), CriuImages.mm(0x2000_0000L, 0x2000_0000L + 16 * P));

        Map<Integer, TaskImage> tasks = TaskImage.all(images);

        assertEquals(Set.of(1, 7), tasks.keySet());
        assertEquals(256, tasks.get(1).lazyPages());
        assertEquals(4, tasks.get(1).eagerPages(), "holes (not present) hold no pages");
        assertEquals(16, tasks.get(7).lazyPages(), "a 64-bit count is read too");
        assertEquals(0, tasks.get(7).eagerPages());
    }

    @Test
    void rejectsTruncatedPagemaps() {
        byte[] whole = CriuImages.pagemap(1, CriuImages.entry(0x1000_0000L, 2, LAZY_PRESENT, false));
        byte[] cut = Arrays.copyOf(whole, whole.length - 3);
        assertThrows(IOException.class, () -> PagemapImage.parse(cut, "cut"));
    }

    @Test
    void pagesOutsideEveryMappingMakeTheImageUnusable() throws IOException {
        Files.write(images.resolve("pagemap-1.img"), CriuImages.pagemap(1,
                CriuImages.entry(0x2000_0000L, 4, LAZY_PRESENT, false)));
        Files.write(images.resolve("mm-1.img"), CriuImages.mm(0x2000_0000L, 0x2000_0000L + 2 * P));

        assertThrows(IOException.class, () -> TaskImage.read(images, 1));
    }
}
