package dev.thaw.runtime.channel;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reads and writes {@link Frame}s on a pair of streams. Writes are serialised; reads are for one reader. */
public final class FrameChannel {

    /** Frames larger than this are refused: the payload limit is 6 MB, with room for headers. */
    public static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final DataInputStream in;
    private final DataOutputStream out;

    public FrameChannel(InputStream in, OutputStream out) {
        this.in = new DataInputStream(new BufferedInputStream(in, 64 * 1024));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 64 * 1024));
    }

    /**
     * Returns the next frame, or null at end of stream.
     *
     * @throws MalformedFrameException when the bytes read are no frame
     * @throws FrameTooLargeException  when a frame is announced above {@link #MAX_FRAME_BYTES}
     */
    public Frame read() throws IOException {
        int code = in.read();
        if (code < 0) {
            return null;
        }
        Frame.Type type = Frame.Type.of(code);
        int length;
        try {
            length = in.readInt();
        } catch (EOFException e) {
            return null;
        }
        if (length < 0) {
            throw new MalformedFrameException("negative length " + length + " in a " + type + " frame");
        }
        if (length > MAX_FRAME_BYTES) {
            throw new FrameTooLargeException(length);
        }
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(type, payload);
    }

    public void write(Frame frame) throws IOException {
        synchronized (out) {
            out.writeByte(frame.type().code);
            out.writeInt(frame.payload().length);
            out.write(frame.payload());
            out.flush();
        }
    }
}
