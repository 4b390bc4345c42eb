package dev.thaw.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameChannelTest {

    private static FrameChannel reading(byte[] bytes) {
        return new FrameChannel(new ByteArrayInputStream(bytes), new ByteArrayOutputStream());
    }

    private static byte[] header(char type, int length) {
        return ByteBuffer.allocate(5).put((byte) type).putInt(length).array();
    }

    @Test
    void readsWhatItWrites() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        new FrameChannel(new ByteArrayInputStream(new byte[0]), wire).write(new Frame(Frame.Type.LOG, new byte[] {7}));

        FrameChannel channel = reading(wire.toByteArray());

        Frame frame = channel.read();
        assertEquals(Frame.Type.LOG, frame.type());
        assertArrayEquals(new byte[] {7}, frame.payload());
        assertNull(channel.read());
    }

    @Test
    void aLengthAboveTheLimitIsTooLarge() {
        FrameTooLargeException e = assertThrows(FrameTooLargeException.class,
                () -> reading(header('O', FrameChannel.MAX_FRAME_BYTES + 1)).read());
        assertEquals(FrameChannel.MAX_FRAME_BYTES + 1, e.length());
    }

    @Test
    void aNegativeLengthIsMalformedNotTooLarge() {
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> reading(header('O', -1)).read());
        assertEquals("negative length -1 in a RESPONSE frame", e.getMessage());
    }

    @Test
    void anUnknownTypeIsMalformed() {
        MalformedFrameException e = assertThrows(MalformedFrameException.class,
                () -> reading("garbage".getBytes()).read());
        assertEquals("unknown frame type 103", e.getMessage());
    }
}
