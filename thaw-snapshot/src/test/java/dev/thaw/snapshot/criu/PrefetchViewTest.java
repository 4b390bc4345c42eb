package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.WorkingSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A working set taken out of the lazy runs of a task's pagemap, in a view that leaves the image as it is. */
class PrefetchViewTest {

    private static final long PAGE = PagemapImage.PAGE_SIZE;
    private static final int LAZY_PRESENT = PagemapImage.LAZY | PagemapImage.PRESENT;
    private static final long HEAP = 0x1000_0000L;

    @TempDir
    Path dir;

    private static PagemapImage image(PagemapImage.Run... runs) {
        return new PagemapImage(0x5608_4025_5456_4319L, new byte[] {0x08, 0x01}, List.of(runs));
    }

    @Test
    void splitsLazyRunsAroundTheEagerRangesAndKeepsEveryPageInOrder() throws IOException {
        PagemapImage original = image(new PagemapImage.Run(0x100_0000L, 4, PagemapImage.PRESENT),
                new PagemapImage.Run(HEAP, 100, LAZY_PRESENT), new PagemapImage.Run(HEAP + 200 * PAGE, 10, 0));

        PagemapImage split = original.withEager(new long[] {HEAP + 10 * PAGE, HEAP + 20 * PAGE,
                HEAP + 95 * PAGE, HEAP + 300 * PAGE});

        assertEquals(List.of(new PagemapImage.Run(0x100_0000L, 4, PagemapImage.PRESENT),
                new PagemapImage.Run(HEAP, 10, LAZY_PRESENT),
                new PagemapImage.Run(HEAP + 10 * PAGE, 10, PagemapImage.PRESENT),
                new PagemapImage.Run(HEAP + 20 * PAGE, 75, LAZY_PRESENT),
                new PagemapImage.Run(HEAP + 95 * PAGE, 5, PagemapImage.PRESENT),
                new PagemapImage.Run(HEAP + 200 * PAGE, 10, 0)), split.runs(),
                "holes are never made eager; the pages file's order is unchanged");
        PagemapImage reread = PagemapImage.parse(split.toBytes(), "split");
        assertEquals(split.runs(), reread.runs());
        assertEquals(original.magic(), reread.magic());
        assertArrayEquals(original.head(), reread.head());
    }

    @Test
    void joinsWorkingSetPagesWithSmallGapsIntoOneRange() {
        long far = HEAP + (PrefetchView.GAP_PAGES + 10) * PAGE;
        long[] ranges = PrefetchView.ranges(new long[] {HEAP + 3 * PAGE, HEAP, far, HEAP + 3 * PAGE + 5});

        assertArrayEquals(new long[] {HEAP, HEAP + 4 * PAGE, far, far + PAGE}, ranges);
    }

    @Test
    void viewRewritesOnlyThePagemapsOfRecordedTasks() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("pagemap-1.img"), image(new PagemapImage.Run(HEAP, 64, LAZY_PRESENT)).toBytes());
        Files.write(images.resolve("pagemap-2.img"), image(new PagemapImage.Run(HEAP, 64, LAZY_PRESENT)).toBytes());
        Files.writeString(images.resolve("pages-1.img"), "pages");
        Path view = dir.resolve("restore").resolve("image");
        Files.createDirectories(view.getParent());

        long prefetched = PrefetchView.create(images, view, new WorkingSet(Map.of(1, new long[] {HEAP + PAGE})));

        ImageLayout layout = ImageLayout.of(view);
        assertEquals(128, layout.imagePages());
        assertEquals(1, layout.eagerPages(), "task 1's working set is loaded with the eager pages");
        assertEquals(1, prefetched);
        assertTrue(Files.isSymbolicLink(view.resolve("pages-1.img")));
        assertFalse(Files.readSymbolicLink(view.resolve("pages-1.img")).isAbsolute(),
                "the restored tree's root must not matter");
        assertEquals("pages", Files.readString(view.resolve("pages-1.img")));
        assertTrue(Files.isSymbolicLink(view.resolve("pagemap-2.img")), "task 2 has no record");
        assertEquals(128, ImageLayout.of(images).lazyPages(), "the image is unchanged");
    }
}
