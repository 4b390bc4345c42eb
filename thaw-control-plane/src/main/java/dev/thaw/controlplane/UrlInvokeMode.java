package dev.thaw.controlplane;

/**
 * How a function URL answers. {@code RESPONSE_STREAM} is accepted and kept, as Lambda does, but answered buffered:
 * the runtime hands back a complete response either way.
 */
public enum UrlInvokeMode {
    BUFFERED,
    RESPONSE_STREAM
}
