package dev.thaw.runtime.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HandlerNameTest {

    @Test
    void classAndMethod() {
        assertEquals(new HandlerName("example.Hello", "greet"), HandlerName.parse("example.Hello::greet"));
    }

    @Test
    void classAloneMeansHandleRequest() {
        assertEquals(new HandlerName("example.Hello", "handleRequest"), HandlerName.parse(" example.Hello "));
    }

    @Test
    void rejectsWhatNamesNothing() {
        assertThrows(IllegalArgumentException.class, () -> HandlerName.parse(null));
        assertThrows(IllegalArgumentException.class, () -> HandlerName.parse(""));
        assertThrows(IllegalArgumentException.class, () -> HandlerName.parse("example.Hello::"));
        assertThrows(IllegalArgumentException.class, () -> HandlerName.parse("::greet"));
        assertThrows(IllegalArgumentException.class, () -> HandlerName.parse("a::b::c"));
    }
}
