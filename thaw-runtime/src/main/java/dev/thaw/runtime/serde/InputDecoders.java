package dev.thaw.runtime.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Chooses the {@link InputDecoder} for a handler's input type. Strings, bytes and streams are handed over
 * without Jackson; everything else (maps, lists, boxed values, POJOs, event classes) is read as JSON.
 * An empty or blank payload is a null input (the default value for a primitive).
 */
public final class InputDecoders {

    private InputDecoders() {
    }

    public static InputDecoder forType(Type type) {
        Class<?> raw = rawClass(type);
        InputDecoder decoder;
        if (raw == String.class) {
            decoder = InputDecoders::string;
        } else if (raw == byte[].class) {
            decoder = payload -> payload;
        } else if (raw == InputStream.class) {
            decoder = ByteArrayInputStream::new;
        } else {
            ObjectReader reader = RuntimeJson.mapper().readerFor(RuntimeJson.mapper().constructType(type));
            decoder = reader::readValue;
        }
        Object empty = raw.isPrimitive() ? Array.get(Array.newInstance(raw, 1), 0) : null;
        return payload -> isBlank(payload) ? empty : decoder.decode(payload);
    }

    /** A JSON string literal is unquoted; any other body (JSON or not) is handed over as its text. */
    private static Object string(byte[] payload) throws IOException {
        int first = 0;
        while (first < payload.length && Character.isWhitespace(payload[first])) {
            first++;
        }
        if (first < payload.length && payload[first] == '"') {
            try {
                return RuntimeJson.mapper().readerFor(String.class)
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readValue(payload);
            } catch (JsonProcessingException notOneString) {
                // falls through: e.g. "a" "b" is not one JSON string, so the body is taken as it is
            }
        }
        return new String(payload, StandardCharsets.UTF_8);
    }

    private static boolean isBlank(byte[] payload) {
        for (byte b : payload) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof GenericArrayType a) {
            return Array.newInstance(rawClass(a.getGenericComponentType()), 0).getClass();
        }
        return Object.class;
    }
}
