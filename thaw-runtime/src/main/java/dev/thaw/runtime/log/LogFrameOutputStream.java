package dev.thaw.runtime.log;

import dev.thaw.runtime.channel.Frame;
import dev.thaw.runtime.channel.FrameChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An output stream that sends what is written to it as LOG frames of whole lines.
 *
 * <p>Bytes are held until a newline so that lines written by different streams (stdout, stderr, the
 * LambdaLogger) never interleave mid-line in the function's log. A line longer than {@link #MAX_PENDING}
 * is sent in pieces rather than held without bound.
 */
public final class LogFrameOutputStream extends OutputStream {

    static final int MAX_PENDING = 64 * 1024;

    private final FrameChannel channel;
    private byte[] pending = new byte[1024];
    private int count;

    public LogFrameOutputStream(FrameChannel channel) {
        this.channel = channel;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (count + length > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, count + length));
        }
        System.arraycopy(bytes, offset, pending, count, length);
        count += length;
        int lastNewline = count - 1;
        while (lastNewline >= count - length && pending[lastNewline] != '\n') {
            lastNewline--;
        }
        if (lastNewline >= count - length) {
            send(lastNewline + 1);
        } else if (count >= MAX_PENDING) {
            send(count);
        }
    }

    /** Lines are sent as they complete; a PrintStream's autoflush must not split a line. */
    @Override
    public void flush() {
    }

    /** Sends an unterminated last line too: called when an invocation ends, so its output precedes the response. */
    public synchronized void flushPartialLine() throws IOException {
        if (count > 0) {
            send(count);
        }
    }

    private void send(int length) throws IOException {
        byte[] text = Arrays.copyOf(pending, length);
        System.arraycopy(pending, length, pending, 0, count - length);
        count -= length;
        if (pending.length > MAX_PENDING && count < MAX_PENDING / 2) {
            pending = Arrays.copyOf(pending, MAX_PENDING);
        }
        channel.write(new Frame(Frame.Type.LOG, text));
    }
}
