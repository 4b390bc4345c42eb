package dev.thaw.runtime.channel;

import java.io.IOException;

/**
 * A well-formed frame header announcing more than {@link FrameChannel#MAX_FRAME_BYTES}: a response far beyond the
 * payload limit. The frame is not read, so the channel is unusable afterwards.
 */
public class FrameTooLargeException extends IOException {

    private final int length;

    public FrameTooLargeException(int length) {
        super("frame of " + length + " bytes exceeds the limit of " + FrameChannel.MAX_FRAME_BYTES);
        this.length = length;
    }

    public int length() {
        return length;
    }
}
