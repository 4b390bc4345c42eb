package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.WorkingSet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An image as a lazy restore with a working set sees it: a directory of links to the image's files, except that
 * each task's pagemap has its working set taken out of the lazy runs, so CRIU loads those pages in bulk with the
 * eager ones, before the copy resumes, and the lazy-pages daemon serves only the rest. The image is never changed.
 *
 * <p>The links are relative: CRIU opens some image files from inside the restored tree's root, where an absolute
 * host path does not resolve, while a relative one still climbs from the image directory it holds open.
 */
final class PrefetchView {

    private static final Pattern PAGEMAP = Pattern.compile("pagemap-(\\d+)\\.img");
    /**
     * Gaps of up to this many pages between working-set pages are loaded too: copying 128 KiB in bulk costs less than
     * the one fault it may spare.
     */
    static final long GAP_PAGES = 32;

    private PrefetchView() {
    }

    /**
     * Writes the view of {@code images} for {@code workingSet} into {@code view}, which must not exist yet.
     *
     * @return the pages it took out of lazy runs
     */
    static long create(Path images, Path view, WorkingSet workingSet) throws IOException {
        Files.createDirectory(view);
        long prefetched = 0;
        try (Stream<Path> files = Files.list(images)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = view.resolve(file.getFileName());
                Matcher pagemap = PAGEMAP.matcher(file.getFileName().toString());
                long[] pages = pagemap.matches() ? workingSet.of(Integer.parseInt(pagemap.group(1))) : new long[0];
                if (pages.length == 0) {
                    Files.createSymbolicLink(target, view.toAbsolutePath().relativize(file.toAbsolutePath()));
                } else {
                    PagemapImage original = PagemapImage.read(file);
                    PagemapImage rewritten = original.withEager(ranges(pages));
                    Files.write(target, rewritten.toBytes());
                    prefetched += original.lazyPages() - rewritten.lazyPages();
                }
            }
        }
        return prefetched;
    }

    /** The pages as ascending (start, end) address pairs, runs closer than {@link #GAP_PAGES} joined. */
    static long[] ranges(long[] pages) {
        long[] sorted = Arrays.stream(pages).map(p -> p & -PagemapImage.PAGE_SIZE).sorted().distinct().toArray();
        long[] ranges = new long[sorted.length * 2];
        int n = 0;
        for (long page : sorted) {
            if (n > 0 && page - ranges[n - 1] <= GAP_PAGES * PagemapImage.PAGE_SIZE) {
                ranges[n - 1] = page + PagemapImage.PAGE_SIZE;
            } else {
                ranges[n++] = page;
                ranges[n++] = page + PagemapImage.PAGE_SIZE;
            }
        }
        return Arrays.copyOf(ranges, n);
    }
}
