package dev.thaw.snapshot.criu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which pages of an image a lazy restore leaves to the page server, over all the tasks' pagemaps.
 *
 * @param imagePages pages the image holds
 * @param lazyPages  of those, the ones loaded on demand or in the background
 * @param lazy       their address ranges, as ascending (start, end) pairs
 */
record ImageLayout(long imagePages, long lazyPages, long[] lazy) {

    private static final Pattern PAGEMAP = Pattern.compile("pagemap-\\d+\\.img");

    static ImageLayout of(Path imageDir) throws IOException {
        long imagePages = 0;
        long lazyPages = 0;
        List<long[]> ranges = new ArrayList<>();
        List<Path> pagemaps;
        try (Stream<Path> files = Files.list(imageDir)) {
            pagemaps = files.filter(f -> PAGEMAP.matcher(f.getFileName().toString()).matches()).toList();
        }
        for (Path file : pagemaps) {
            for (PagemapImage.Run run : PagemapImage.read(file).runs()) {
                if (!run.present()) {
                    continue;
                }
                imagePages += run.nrPages();
                if (run.lazy()) {
                    lazyPages += run.nrPages();
                    ranges.add(new long[] {run.vaddr(), run.end()});
                }
            }
        }
        ranges.sort((a, b) -> Long.compare(a[0], b[0]));
        long[] lazy = new long[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            lazy[2 * i] = ranges.get(i)[0];
            lazy[2 * i + 1] = ranges.get(i)[1];
        }
        return new ImageLayout(imagePages, lazyPages, lazy);
    }

    long eagerPages() {
        return imagePages - lazyPages;
    }

    /** Whether {@code page} is one the daemon loads. */
    boolean isLazy(long page) {
        int i = Arrays.binarySearch(lazy, page);
        // A hit on an even index is a start; otherwise the insertion point tells which range it falls in.
        return i >= 0 ? i % 2 == 0 : (-i - 1) % 2 == 1;
    }
}
