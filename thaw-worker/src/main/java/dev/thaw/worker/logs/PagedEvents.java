package dev.thaw.worker.logs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/** Events read a page at a time as the caller goes: the next page is asked for once the last is used up. */
public final class PagedEvents implements Iterator<LogEvent> {

    private final Supplier<List<LogEvent>> nextPage;
    private final Deque<LogEvent> loaded = new ArrayDeque<>();
    private boolean done;

    /** @param nextPage the events that follow those it gave before; empty once there are none */
    public PagedEvents(Supplier<List<LogEvent>> nextPage) {
        this.nextPage = nextPage;
    }

    @Override
    public boolean hasNext() {
        if (loaded.isEmpty() && !done) {
            loaded.addAll(nextPage.get());
            done = loaded.isEmpty();
        }
        return !loaded.isEmpty();
    }

    @Override
    public LogEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return loaded.poll();
    }
}
