package dev.thaw.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A request body that must arrive in full within a time from its first read. A read that stalls is ended by the
 * listener's idle timeout; a body that trickles in, just fast enough to keep the connection alive, by this deadline,
 * checked after each read.
 */
final class TimedBody extends FilterInputStream {

    /** The body took longer than the limit. */
    static final class Expired extends IOException {
        Expired(Duration limit) {
            super("the request body did not arrive within " + limit);
        }
    }

    private final Duration limit;
    private final Clock clock;
    private Instant deadline;

    TimedBody(InputStream body, Duration limit, Clock clock) {
        super(body);
        this.limit = limit;
        this.clock = clock;
    }

    @Override
    public int read() throws IOException {
        start();
        int b = super.read();
        check();
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        start();
        int n = super.read(buffer, offset, length);
        check();
        return n;
    }

    private void start() {
        if (deadline == null) {
            deadline = clock.instant().plus(limit);
        }
    }

    private void check() throws Expired {
        if (clock.instant().isAfter(deadline)) {
            throw new Expired(limit);
        }
    }
}
