package dev.thaw.runtime.channel;

import java.io.IOException;

/**
 * The channel carried bytes that are no frame (an unknown type, a negative length): the other side, or something
 * writing behind its back, broke the protocol, and nothing after it can be trusted.
 */
public class MalformedFrameException extends IOException {

    public MalformedFrameException(String message) {
        super(message);
    }
}
