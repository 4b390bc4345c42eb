package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.LazyMemory;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.snapshot.WorkingSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

/**
 * CRIU's lazy-pages daemon for one restore: it receives the copy's userfaultfd from {@code criu restore
 * --lazy-pages}, installs each page the copy touches from the image, and meanwhile copies the others in, in
 * growing batches, until every page is in; then it exits by itself.
 *
 * <p>How many pages the copy faulted in is counted from the daemon's debug log, one line per fault: CRIU has no
 * other way to tell. If the daemon ends before every page is in, the copy's remaining lazy pages would read as
 * zeros, so the copy is killed ({@code onLost}).
 */
final class LazyPagesDaemon implements LazyMemory {

    private static final Logger LOG = LoggerFactory.getLogger(LazyPagesDaemon.class);
    private static final String LOG_FILE = "lazy-pages.log";
    /** The daemon's line for a fault: "uffd: <task>-<uffd>: #PF at 0x<page address>". */
    private static final Pattern FAULT = Pattern.compile("(\\d+)-\\d+: #PF at 0x([0-9a-f]+)");
    /** Out of the OOM killer's reach: the copy's memory depends on it. */
    private static final String NEVER_OOM_KILL = "-1000";

    private final Process process;
    private final Path log;
    private final ImageLayout layout;
    private final long prefetchedPages;
    private volatile boolean closed;

    private LazyPagesDaemon(Process process, Path log, ImageLayout layout, long prefetchedPages) {
        this.process = process;
        this.log = log;
        this.layout = layout;
        this.prefetchedPages = prefetchedPages;
    }

    /**
     * Starts the daemon on {@code images} and waits until it listens in {@code workDir} for the restore.
     *
     * @param layout          what of {@code images} is lazy
     * @param prefetchedPages of its eager pages, those of a working set made eager
     * @param onLost          run when the daemon ends before every page is in
     */
    static LazyPagesDaemon start(CriuCommand criu, Path images, Path workDir, ImageLayout layout,
                                 long prefetchedPages, Duration timeout, Runnable onLost) throws SnapshotException {
        List<String> options = List.of("-D", images.toString(), "--work-dir", workDir.toString(), "-o", LOG_FILE,
                "-v4", "--status-fd", "1");
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(criu.line("lazy-pages", options, List.of(), List.of(),
                    List.of()));
            builder.environment().keySet().retainAll(List.of("PATH"));
            builder.redirectErrorStream(true);
            process = builder.start();
        } catch (IOException e) {
            throw new SnapshotException("cannot run criu lazy-pages: " + e.getMessage(), e);
        }
        LazyPagesDaemon daemon = new LazyPagesDaemon(process, workDir.resolve(LOG_FILE), layout, prefetchedPages);
        try {
            protectFromOomKiller(process.pid());
            awaitReady(process, timeout);
        } catch (SnapshotException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        process.onExit().thenAccept(p -> {
            if (!daemon.closed && p.exitValue() != 0) {
                LOG.warn("lazy-pages daemon ended (exit {}) before the copy's memory was in: the copy is killed",
                        p.exitValue());
                onLost.run();
            }
        });
        return daemon;
    }

    /** CRIU writes one byte to its status fd (our pipe) once it listens; EOF means it failed. */
    private static void awaitReady(Process process, Duration timeout) throws SnapshotException {
        InputStream status = process.getInputStream();
        CompletableFuture<Integer> ready = CompletableFuture.supplyAsync(() -> {
            try {
                return status.read();
            } catch (IOException e) {
                return -1;
            }
        });
        try {
            if (ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS) != 0) {
                throw new SnapshotException("criu lazy-pages failed to start: " + tail(process));
            }
        } catch (TimeoutException e) {
            throw new SnapshotException("criu lazy-pages did not start within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new SnapshotException("criu lazy-pages failed to start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotException("interrupted while criu lazy-pages started", e);
        }
    }

    private static String tail(Process process) {
        try {
            process.waitFor(1, TimeUnit.SECONDS);
            return new String(process.getInputStream().readNBytes(2048), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(no output)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    private static void protectFromOomKiller(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "oom_score_adj"), NEVER_OOM_KILL);
        } catch (IOException e) {
            LOG.debug("cannot set oom_score_adj of the lazy-pages daemon: {}", e.toString());
        }
    }

    /** The faults logged so far by task, in order; a line the daemon is still writing is left out. */
    private WorkingSet faults() {
        Map<Integer, LongStream.Builder> pages = new HashMap<>();
        byte[] text;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            text = new byte[(int) Math.min(file.length(), Integer.MAX_VALUE)];
            file.readFully(text);
        } catch (IOException e) {
            LOG.debug("cannot read {}: {}", log, e.toString());
            return WorkingSet.NONE;
        }
        int complete = lastNewline(text);
        Matcher fault = FAULT.matcher(new String(text, 0, complete, StandardCharsets.ISO_8859_1));
        while (fault.find()) {
            long page = Long.parseUnsignedLong(fault.group(2), 16);
            if (layout.isLazy(page)) {
                pages.computeIfAbsent(Integer.parseInt(fault.group(1)), task -> LongStream.builder()).add(page);
            }
        }
        Map<Integer, long[]> touched = new HashMap<>();
        pages.forEach((task, faults) -> touched.put(task, faults.build().distinct().toArray()));
        return new WorkingSet(touched);
    }

    private static int lastNewline(byte[] text) {
        for (int i = text.length - 1; i >= 0; i--) {
            if (text[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    @Override
    public Progress progress() {
        WorkingSet touched = faults();
        return new Progress(new PageCounts(layout.imagePages(), layout.eagerPages() - prefetchedPages,
                prefetchedPages, touched.pageCount()), touched);
    }

    @Override
    public CompletableFuture<Void> loaded() {
        return process.onExit().thenAccept(p -> { });
    }

    @Override
    public void close() {
        closed = true;
        process.destroyForcibly();
    }
}
