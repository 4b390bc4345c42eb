package dev.thaw.runtime.serde;

import java.io.IOException;

/** Turns an event payload into the value a handler takes. One per handler, chosen at init from its input type. */
@FunctionalInterface
public interface InputDecoder {

    Object decode(byte[] payload) throws IOException;
}
