package dev.thaw.snapshot.criu;

import dev.thaw.snapshot.LazyMemory;
import dev.thaw.snapshot.PartialImage;
import dev.thaw.snapshot.SnapshotException;
import dev.thaw.snapshot.WorkingSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * Serves the memory of one lazily restored copy through userfaultfd, in place of CRIU's lazy-pages daemon and
 * speaking its socket protocol: {@code criu restore --lazy-pages} connects to {@code lazy-pages.socket} in the
 * restore's work directory and sends, per task, the task's id and its userfaultfd, then "restore finished".
 *
 * <p>Order of work, so that what the copy needs comes first: a fault is served at once (its page and the rest of
 * its 64 KiB block, straight from the mapped pages file, one UFFDIO_COPY); the snapshot's recorded working set is
 * installed from the moment a task's userfaultfd arrives, while CRIU still restores the rest, in the order the
 * record's pages were first touched, 64 KiB blocks joined into runs; everything else is filled in the background
 * only once the copy's first invocation ended (or {@link #BACKGROUND_AFTER} after the restore), 1 MiB at a time
 * with faults served between batches. When the snapshot was fetched for this restore alone, its pages files are on
 * disk only in part ({@link PartialImage}): each run's chunks are loaded from the store, verified, just before it
 * is installed. Unmapped, discarded and moved memory (the copy's events) is followed, so no
 * image page ever lands where the copy no longer expects it. Once every page is in, the server closes the
 * userfaultfds and ends.
 *
 * <p>If the server fails before every page is in, the copy's missing pages would stay missing, so the copy is
 * killed ({@code onLost}).
 */
final class UffdPageServer implements LazyMemory {

    private static final Logger LOG = LoggerFactory.getLogger(UffdPageServer.class);
    static final String SOCKET = "lazy-pages.socket";
    /** The restore's last message ("ReSTore Finished"). */
    private static final int RESTORE_FINISHED = 0x52535446;
    private static final long BLOCK_PAGES = 16;
    private static final long BLOCK = BLOCK_PAGES * PendingPages.PAGE;
    /** Blocks of the working set installed at a time before faults are looked at again. */
    private static final long PREFETCH_RUN_BLOCKS = 64;
    private static final long BACKGROUND_PAGES = 256;
    static final long BACKGROUND_AFTER = TimeUnit.SECONDS.toNanos(10);
    private static final int IDLE_POLL_MILLIS = 50;
    private static final long REGISTRATION_WAIT = TimeUnit.MILLISECONDS.toNanos(1);

    /** linux/userfaultfd.h: ioctls, events, and {@code struct uffd_msg}'s size. */
    private static final long UFFDIO_WAKE = 0x8010AA02L;
    private static final long UFFDIO_COPY = 0xC028AA03L;
    private static final long UFFDIO_ZEROPAGE = 0xC020AA04L;
    private static final long UFFDIO_UNREGISTER = 0x8010AA01L;
    private static final int EVENT_PAGEFAULT = 0x12;
    private static final int EVENT_FORK = 0x13;
    private static final int EVENT_REMAP = 0x14;
    private static final int EVENT_REMOVE = 0x15;
    private static final int EVENT_UNMAP = 0x16;
    private static final int MESSAGE = 32;
    private static final int MESSAGES_PER_READ = 16;

    private final Map<Integer, TaskImage> images;
    private final Optional<Path> cgroupProcs;
    private final Optional<PartialImage> partial;
    private final long imagePages;
    private final long eagerPages;
    private final WorkingSet prefetch;
    private final Runnable onLost;
    private final int listenFd;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final AtomicLong prefetched = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private final AtomicLong background = new AtomicLong();
    private final Map<Integer, List<Long>> touched = new HashMap<>();
    private volatile boolean closed;
    private volatile boolean backgroundRequested;

    // Owned by the server's thread.
    private final List<Target> targets = new ArrayList<>();
    private final List<UffdHolder> holders = new ArrayList<>();
    private final Map<Path, MemorySegment> pagesFiles = new HashMap<>();
    private Arena arena;
    private MemorySegment state;
    private MemorySegment argument;
    private MemorySegment messages;
    private MemorySegment word;
    private int controlFd = -1;
    private long finishedAt = -1;
    /** While the restore has not registered the memory the working set is in yet: when to try again. */
    private long prefetchNotBefore;

    /** One address space served: a task's, or a forked child's (which shares the task's image). */
    private static final class Target {
        final int task;
        final int uffd;
        final boolean forked;
        final PendingPages pending;
        final String pagesFile;
        final MemorySegment pages;
        final ArrayDeque<long[]> prefetchRuns;
        final ArrayDeque<Long> retries = new ArrayDeque<>();
        boolean gone;

        Target(int task, int uffd, boolean forked, PendingPages pending, String pagesFile, MemorySegment pages,
               ArrayDeque<long[]> prefetchRuns) {
            this.task = task;
            this.uffd = uffd;
            this.forked = forked;
            this.pending = pending;
            this.pagesFile = pagesFile;
            this.pages = pages;
            this.prefetchRuns = prefetchRuns;
        }
    }

    /**
     * What a copy of memory ended in: done (or the memory is gone), to be retried once the copy's events are read,
     * not yet registered (the restore has not reached it), or the address space is gone.
     */
    private enum Copied { DONE, RETRY, NOT_YET, GONE }

    private UffdPageServer(Map<Integer, TaskImage> images, Optional<Path> cgroupProcs, Optional<PartialImage> partial,
                           WorkingSet prefetch, Runnable onLost, int listenFd) {
        this.images = images;
        this.eagerPages = images.values().stream().mapToLong(TaskImage::eagerPages).sum();
        this.imagePages = eagerPages + images.values().stream().mapToLong(TaskImage::lazyPages).sum();
        this.cgroupProcs = cgroupProcs;
        this.partial = partial;
        this.prefetch = prefetch;
        this.onLost = onLost;
        this.listenFd = listenFd;
    }

    /**
     * Listens in {@code workDir} for the restore of an image and serves it on a thread of its own.
     *
     * @param images      the image's tasks, by id
     *
     * @param cgroupProcs the process list of the copy's cgroup, if it has one: its userfaultfds are held for as long
     *                    as it lists processes should this server's process die first ({@link UffdHolder})
     * @param partial     present when pages files are on disk only in part: pages are loaded before they are
     *                    installed
     * @param prefetch    the snapshot's working set, installed first
     * @param onLost      run when the server fails before every page is in
     */
    static UffdPageServer listen(Path workDir, Map<Integer, TaskImage> images, Optional<Path> cgroupProcs,
                                 Optional<PartialImage> partial, WorkingSet prefetch, Runnable onLost)
            throws SnapshotException {
        int fd;
        try (Arena arena = Arena.ofConfined()) {
            fd = Libc.listenUnix(Libc.callState(arena), workDir.toString(), SOCKET);
        } catch (IOException e) {
            throw new SnapshotException("cannot listen for the restore's userfaultfd: " + e.getMessage(), e);
        }
        UffdPageServer server = new UffdPageServer(images, cgroupProcs, partial, prefetch, onLost, fd);
        Thread.ofPlatform().daemon().name("thaw-uffd-" + workDir.getParent().getFileName()).start(server::serve);
        return server;
    }

    private void serve() {
        try (Arena owned = Arena.ofConfined()) {
            arena = owned;
            state = Libc.callState(arena);
            argument = arena.allocate(40, 8);
            messages = arena.allocate((long) MESSAGE * MESSAGES_PER_READ, 8);
            word = arena.allocate(JAVA_INT);
            try {
                run();
                LOG.debug("restored copy's memory in: {} pages prefetched, {} faulted in, {} in the background",
                        prefetched.get(), faulted.get(), background.get());
            } catch (IOException e) {
                lost(e.toString());
            } catch (RuntimeException e) {
                LOG.error("the page server of a restored copy broke", e);
                lost(e.toString());
            } finally {
                for (Target target : targets) {
                    Libc.close(state, target.uffd);
                }
                holders.forEach(holder -> holder.release(state));
                if (controlFd >= 0) {
                    Libc.close(state, controlFd);
                }
                Libc.close(state, listenFd);
            }
        } finally {
            loaded.complete(null);
        }
    }

    private void lost(String why) {
        if (!closed) {
            LOG.warn("the page server of a restored copy failed before its memory was in, the copy is killed: {}",
                    why);
            onLost.run();
        }
    }

    private void run() throws IOException {
        boolean listening = true;
        MemorySegment pollFds = MemorySegment.NULL;
        while (!closed) {
            if (pollFds.byteSize() < 8L * (targets.size() + 1)) {
                pollFds = arena.allocate(8L * (targets.size() + 8), 8);
            }
            boolean working = hasWork();
            int socket = listening ? listenFd : controlFd;
            int count = 0;
            if (socket >= 0) {
                pollFd(pollFds, count++, socket);
            }
            int first = count;
            for (int i = 0; i < targets.size(); i++) {
                pollFd(pollFds, count++, targets.get(i).uffd);
            }
            Libc.poll(state, pollFds, count, working ? 0 : idleWait());
            if (socket >= 0 && (revents(pollFds, 0) & (Libc.POLLIN | Libc.POLLHUP | Libc.POLLERR)) != 0) {
                if (listening) {
                    controlFd = Libc.accept(state, listenFd);
                    listening = false;
                } else {
                    readControl();
                }
            }
            for (int i = first; i < count; i++) {
                if ((revents(pollFds, i) & Libc.POLLIN) != 0) {
                    drain(targets.get(i - first));
                }
            }
            for (Target target : List.copyOf(targets)) {
                retryFaults(target);
            }
            if (working) {
                work();
            }
            targets.removeIf(target -> {
                if (target.gone) {
                    Libc.close(state, target.uffd);
                }
                return target.gone;
            });
            if (finishedAt >= 0 && targets.stream().allMatch(t -> t.pending.isEmpty() && t.retries.isEmpty())) {
                return;
            }
        }
    }

    private int idleWait() {
        if (targets.stream().anyMatch(target -> !target.prefetchRuns.isEmpty())) {
            return (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(prefetchNotBefore - System.nanoTime()));
        }
        if (finishedAt < 0 || backgroundRequested) {
            return IDLE_POLL_MILLIS;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(finishedAt + BACKGROUND_AFTER - System.nanoTime());
        return (int) Math.max(0, Math.min(IDLE_POLL_MILLIS, left));
    }

    private boolean backgroundDue() {
        return finishedAt >= 0 && (backgroundRequested || System.nanoTime() - finishedAt >= BACKGROUND_AFTER);
    }

    private boolean hasWork() {
        boolean prefetching = System.nanoTime() >= prefetchNotBefore;
        for (Target target : targets) {
            if ((prefetching && !target.prefetchRuns.isEmpty()) || (backgroundDue() && !target.pending.isEmpty())) {
                return true;
            }
        }
        return false;
    }

    /** One step: a run of the working set, else a batch of the background fill. */
    private void work() throws IOException {
        for (Target target : targets) {
            long[] run = System.nanoTime() >= prefetchNotBefore ? target.prefetchRuns.poll() : null;
            if (run != null) {
                if (copyAll(target, target.pending.take(run[0], run[1]), prefetched) == Copied.NOT_YET) {
                    target.prefetchRuns.addFirst(run);
                    prefetchNotBefore = System.nanoTime() + REGISTRATION_WAIT;
                }
                return;
            }
        }
        if (backgroundDue()) {
            for (Target target : targets) {
                if (!target.pending.isEmpty()) {
                    copyAll(target, target.pending.takeFirst(BACKGROUND_PAGES), background);
                    return;
                }
            }
        }
    }

    /** Reads one message of the restore: a task's id with its userfaultfd, or the end. */
    private void readControl() throws IOException {
        long read = 0;
        while (read < Integer.BYTES) {
            long n = Libc.read(state, controlFd, word.asSlice(read));
            if (n == 0) {
                if (finishedAt < 0) {
                    throw new IOException("the restore hung up before it finished");
                }
                Libc.close(state, controlFd);
                controlFd = -1;
                return;
            }
            read += Math.max(0, n);
        }
        int task = word.get(JAVA_INT, 0);
        if (task == RESTORE_FINISHED) {
            finishedAt = System.nanoTime();
        } else if (task >= 0) {
            int uffd = Libc.receiveFd(state, controlFd);
            if (uffd < 0) {
                throw new IOException("the restore hung up before it sent task " + task + "'s userfaultfd");
            }
            addTask(task, uffd);
        }
        // A negative id is a zombie: it has no memory to serve.
    }

    private void addTask(int task, int uffd) throws IOException {
        PendingPages pending = new PendingPages();
        MemorySegment pages;
        String pagesFile;
        try {
            TaskImage image = images.get(task);
            if (image == null) {
                throw new IOException("the restore sent task " + task + ", which the image does not hold");
            }
            pagesFile = image.pagesFile().getFileName().toString();
            pages = pagesFile(image.pagesFile());
            for (PendingPages.Extent extent : image.lazy()) {
                // The kernel copies from wherever the source address points: never past the mapped file.
                if (extent.offset() + (extent.end() - extent.start()) > pages.byteSize()) {
                    throw new IOException("task " + task + "'s pagemap names pages beyond its pages file");
                }
                pending.add(extent);
            }
        } catch (IOException | RuntimeException e) {
            Libc.close(state, uffd);
            throw e;
        }
        synchronized (touched) {
            touched.put(task, new ArrayList<>());
        }
        targets.add(new Target(task, uffd, false, pending, pagesFile, pages, prefetchRuns(prefetch.of(task))));
        hold(uffd);
    }

    /** The working set's 64 KiB blocks, first touch first, neighbours in that order joined into runs. */
    static ArrayDeque<long[]> prefetchRuns(long[] pages) {
        LinkedHashSet<Long> blocks = new LinkedHashSet<>();
        for (long page : pages) {
            blocks.add(page & -BLOCK);
        }
        ArrayDeque<long[]> runs = new ArrayDeque<>();
        long[] run = null;
        for (long block : blocks) {
            if (run != null && block == run[1] && run[1] - run[0] < PREFETCH_RUN_BLOCKS * BLOCK) {
                run[1] += BLOCK;
            } else {
                run = new long[] {block, block + BLOCK};
                runs.add(run);
            }
        }
        return runs;
    }

    private MemorySegment pagesFile(Path file) throws IOException {
        MemorySegment mapped = pagesFiles.get(file);
        if (mapped == null) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            }
            pagesFiles.put(file, mapped);
        }
        return mapped;
    }

    /** Handles every event the copy queued on {@code target}'s userfaultfd. */
    private void drain(Target target) throws IOException {
        while (!target.gone) {
            long n = Libc.read(state, target.uffd, messages);
            if (n <= 0) {
                return;
            }
            for (long at = 0; at + MESSAGE <= n; at += MESSAGE) {
                MemorySegment message = messages.asSlice(at, MESSAGE);
                int event = message.get(JAVA_BYTE, 0) & 0xFF;
                switch (event) {
                    case EVENT_PAGEFAULT -> fault(target, message.get(JAVA_LONG, 16) & -PendingPages.PAGE);
                    case EVENT_FORK -> fork(target, message.get(JAVA_INT, 8));
                    case EVENT_REMAP -> target.pending.move(message.get(JAVA_LONG, 8), message.get(JAVA_LONG, 16),
                            message.get(JAVA_LONG, 24));
                    case EVENT_REMOVE -> remove(target, message.get(JAVA_LONG, 8), message.get(JAVA_LONG, 16));
                    case EVENT_UNMAP -> target.pending.drop(message.get(JAVA_LONG, 8), message.get(JAVA_LONG, 16));
                    default -> throw new IOException("unexpected userfaultfd event " + event);
                }
            }
        }
    }

    private void fault(Target target, long page) throws IOException {
        PendingPages.Extent extent = target.pending.find(page);
        if (extent == null) {
            // Not (or no longer) an image page: memory the copy never had, or one installed meanwhile.
            zero(target, page);
            return;
        }
        if (!target.forked) {
            synchronized (touched) {
                touched.get(target.task).add(extent.image() + (page - extent.start()));
            }
        }
        long from = Math.max(extent.start(), page & -BLOCK);
        long to = Math.min(extent.end(), from + BLOCK);
        Copied copied = copyAll(target, target.pending.take(from, to), faulted);
        if (copied == Copied.RETRY || copied == Copied.NOT_YET) {
            target.retries.add(page);
        }
    }

    private void retryFaults(Target target) throws IOException {
        int retries = target.retries.size();
        for (int i = 0; i < retries && !target.gone; i++) {
            fault(target, target.retries.poll());
        }
    }

    private void zero(Target target, long page) {
        argument.set(JAVA_LONG, 0, page);
        argument.set(JAVA_LONG, 8, PendingPages.PAGE);
        argument.set(JAVA_LONG, 16, 0);
        argument.set(JAVA_LONG, 24, 0);
        int errno = Libc.ioctl(state, target.uffd, UFFDIO_ZEROPAGE, argument);
        switch (errno) {
            case 0 -> { }
            case Libc.EEXIST -> wake(target, page);
            case Libc.EAGAIN -> target.retries.add(page);
            case Libc.ESRCH, Libc.ENOSPC -> target.gone = true;
            default -> wake(target, page);
        }
    }

    private void wake(Target target, long page) {
        argument.set(JAVA_LONG, 0, page);
        argument.set(JAVA_LONG, 8, PendingPages.PAGE);
        Libc.ioctl(state, target.uffd, UFFDIO_WAKE, argument);
    }

    /** The copy discarded memory (madvise): it reads as zeros from now on, so it is no longer served. */
    private void remove(Target target, long start, long end) throws IOException {
        target.pending.drop(start, end);
        argument.set(JAVA_LONG, 0, start);
        argument.set(JAVA_LONG, 8, end - start);
        int errno = Libc.ioctl(state, target.uffd, UFFDIO_UNREGISTER, argument);
        if (errno == Libc.ENOMEM || errno == Libc.ESRCH) {
            target.gone = true;
        } else if (errno != 0) {
            throw new Libc.Errno("UFFDIO_UNREGISTER", errno);
        }
    }

    private void fork(Target parent, int uffd) throws IOException {
        targets.add(new Target(parent.task, uffd, true, parent.pending.copy(), parent.pagesFile, parent.pages,
                new ArrayDeque<>()));
        hold(uffd);
    }

    private void hold(int uffd) throws IOException {
        if (cgroupProcs.isPresent()) {
            holders.add(UffdHolder.hold(state, uffd, cgroupProcs.get()));
        }
    }

    /** Installs {@code extents} (taken out of the pending set); what could not be installed yet goes back. */
    private Copied copyAll(Target target, List<PendingPages.Extent> extents, AtomicLong counter) throws IOException {
        if (partial.isPresent() && partial.get().isPartial(target.pagesFile) && !extents.isEmpty()) {
            long[] ranges = new long[extents.size() * 2];
            for (int i = 0; i < extents.size(); i++) {
                ranges[2 * i] = extents.get(i).offset();
                ranges[2 * i + 1] = extents.get(i).offset() + (extents.get(i).end() - extents.get(i).start());
            }
            // Verified chunks only: a page that cannot be loaded fails the server, and with it the copy.
            partial.get().load(target.pagesFile, ranges);
        }
        for (int i = 0; i < extents.size(); i++) {
            Copied result = copy(target, extents.get(i), counter);
            if (result != Copied.DONE) {
                for (int j = i + 1; j < extents.size(); j++) {
                    target.pending.add(extents.get(j));
                }
                return result;
            }
        }
        return Copied.DONE;
    }

    private Copied copy(Target target, PendingPages.Extent extent, AtomicLong counter) throws IOException {
        long length = extent.end() - extent.start();
        long done = 0;
        while (done < length) {
            argument.set(JAVA_LONG, 0, extent.start() + done);
            argument.set(JAVA_LONG, 8, target.pages.address() + extent.offset() + done);
            argument.set(JAVA_LONG, 16, length - done);
            argument.set(JAVA_LONG, 24, 0);
            argument.set(JAVA_LONG, 32, 0);
            int errno = Libc.ioctl(state, target.uffd, UFFDIO_COPY, argument);
            if (errno == 0) {
                counter.addAndGet((length - done) / PendingPages.PAGE);
                return Copied.DONE;
            }
            long copied = Math.max(0, argument.get(JAVA_LONG, 32));
            counter.addAndGet(copied / PendingPages.PAGE);
            done += copied;
            switch (errno) {
                case Libc.EEXIST -> done += PendingPages.PAGE;
                case Libc.EAGAIN -> {
                    // The copy is changing its mappings: read its events first, then try the rest again.
                    target.pending.add(extent.part(extent.start() + done, extent.end()));
                    return Copied.RETRY;
                }
                case Libc.ENOENT -> {
                    if (finishedAt < 0) {
                        // CRIU registers a task's memory once it is in place, late in the restore.
                        target.pending.add(extent.part(extent.start() + done, extent.end()));
                        return Copied.NOT_YET;
                    }
                    return Copied.DONE;
                }
                case Libc.ESRCH, Libc.ENOSPC -> {
                    target.gone = true;
                    return Copied.GONE;
                }
                default -> throw new Libc.Errno("UFFDIO_COPY", errno);
            }
        }
        return Copied.DONE;
    }

    private static void pollFd(MemorySegment pollFds, int index, int fd) {
        pollFds.set(JAVA_INT, 8L * index, fd);
        pollFds.set(JAVA_SHORT, 8L * index + 4, Libc.POLLIN);
        pollFds.set(JAVA_SHORT, 8L * index + 6, (short) 0);
    }

    private static short revents(MemorySegment pollFds, int index) {
        return pollFds.get(JAVA_SHORT, 8L * index + 6);
    }

    @Override
    public Progress progress() {
        Map<Integer, long[]> pages = new HashMap<>();
        synchronized (touched) {
            touched.forEach((task, list) -> pages.put(task, list.stream().mapToLong(Long::longValue).toArray()));
        }
        return new Progress(new PageCounts(imagePages, eagerPages, prefetched.get(),
                faulted.get(), background.get()), new WorkingSet(pages));
    }

    @Override
    public void firstInvocationEnded() {
        backgroundRequested = true;
    }

    @Override
    public CompletableFuture<Void> loaded() {
        return loaded;
    }

    @Override
    public void close() {
        closed = true;
    }
}
