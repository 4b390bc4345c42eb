package dev.thaw.worker.logs;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** The events of several streams, each in its own order, as one sequence ordered by {@link #ORDER}. */
public final class MergedEvents implements Iterator<LogEvent> {

    /** Time first; events of one millisecond by stream name, then by their place in it. */
    public static final Comparator<LogEvent> ORDER = Comparator.comparingLong(LogEvent::timestamp)
            .thenComparing(event -> event.stream().toString())
            .thenComparingLong(LogEvent::sequence);

    private record Head(LogEvent event, Iterator<LogEvent> rest) {
    }

    private final PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparing(Head::event, ORDER));

    public MergedEvents(List<Iterator<LogEvent>> streams) {
        streams.forEach(this::advance);
    }

    private void advance(Iterator<LogEvent> stream) {
        if (stream.hasNext()) {
            heads.add(new Head(stream.next(), stream));
        }
    }

    @Override
    public boolean hasNext() {
        return !heads.isEmpty();
    }

    @Override
    public LogEvent next() {
        Head head = heads.poll();
        if (head == null) {
            throw new NoSuchElementException();
        }
        advance(head.rest());
        return head.event();
    }
}
