package dev.thaw.snapshot.criu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Lazy marks as a lazy restore needs them, whatever marks CRIU's dump left. */
class LazyMarksTest {

    private static final long P = PagemapImage.PAGE_SIZE;
    private static final int PRESENT = PagemapImage.PRESENT;
    private static final int LAZY_PRESENT = PagemapImage.LAZY | PagemapImage.PRESENT;

    @TempDir
    Path images;

    @Test
    void privateAnonymousMemoryIsLazyButTheStackPointersPagesAndOtherMappingsAreNot() throws IOException {
        long heap = 0x1000_0000L;
        long stack = 0x7000_0000L;
        long library = 0x7f00_0000L;
        // CRIU's own marks: the heap's first half not lazy, the library's page lazy.
        Files.write(images.resolve("pagemap-1.img"), CriuImages.pagemap(1,
                CriuImages.entry(heap, 8, PRESENT, false),
                CriuImages.entry(heap + 8 * P, 8, LAZY_PRESENT, false),
                CriuImages.entry(stack, 4, PRESENT, false),
                CriuImages.entry(library, 1, LAZY_PRESENT, false),
                CriuImages.entry(library + P, 1, PagemapImage.LAZY, false)));
        // The heap is two mappings side by side (as after an mprotect of part of it).
        Files.write(images.resolve("mm-1.img"), CriuImages.mm(
                new long[] {heap, heap + 8 * P, CriuImages.ANON_PRIVATE[0], CriuImages.ANON_PRIVATE[1]},
                new long[] {heap + 8 * P, heap + 16 * P, CriuImages.ANON_PRIVATE[0], CriuImages.ANON_PRIVATE[1]},
                new long[] {stack, stack + 4 * P, CriuImages.ANON_PRIVATE[0], CriuImages.ANON_PRIVATE[1]},
                // MAP_PRIVATE of a file: restored from the file, never registered
                new long[] {library, library + 2 * P, 0x02, 0x41}));
        Files.write(images.resolve("core-1.img"), CriuImages.core(stack + 2 * P + 0x10));
        Files.write(images.resolve("core-2.img"), CriuImages.core(stack + 0xff8));

        assertEquals(true, LazyMarks.apply(images));

        List<PagemapImage.Run> runs = PagemapImage.read(images.resolve("pagemap-1.img")).runs();
        assertEquals(List.of(
                new PagemapImage.Run(heap, 8, LAZY_PRESENT),
                new PagemapImage.Run(heap + 8 * P, 8, LAZY_PRESENT),
                new PagemapImage.Run(stack, 1, PRESENT),
                new PagemapImage.Run(stack + P, 1, LAZY_PRESENT),
                new PagemapImage.Run(stack + 2 * P, 1, PRESENT),
                new PagemapImage.Run(stack + 3 * P, 1, LAZY_PRESENT),
                new PagemapImage.Run(library, 1, PRESENT),
                new PagemapImage.Run(library + P, 1, PagemapImage.LAZY)), runs,
                "each thread's stack pointer page stays eager; a hole keeps its flags");
        TaskImage task = TaskImage.read(images, 1);
        assertArrayEquals(new long[] {16 * P, 17 * P, 18 * P, 19 * P, 20 * P, 21 * P}, task.eager(),
                "the pages file is unchanged: the eager pages are where they were");
    }

    @Test
    void withoutReadableStackPointersNothingChanges() throws IOException {
        byte[] pagemap = CriuImages.pagemap(1, CriuImages.entry(0x1000_0000L, 2, PRESENT, false));
        Files.write(images.resolve("pagemap-1.img"), pagemap);
        Files.write(images.resolve("mm-1.img"), CriuImages.mm(0x1000_0000L, 0x1000_0000L + 2 * P));
        Files.write(images.resolve("core-1.img"), CriuImages.pagemap(1));

        assertFalse(LazyMarks.apply(images));
        assertArrayEquals(pagemap, Files.readAllBytes(images.resolve("pagemap-1.img")));
    }
}
