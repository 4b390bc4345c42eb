package dev.thaw.api;

import dev.thaw.controlplane.LambdaException;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * RFC 3986 percent-decoding of one path segment or query component. Unlike form decoding it keeps {@code +} as is:
 * clients encode spaces as {@code %20}, and a qualified name arrives as {@code my-function%3A1}.
 */
final class PercentDecoding {

    private PercentDecoding() {
    }

    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw malformed(raw);
                }
                try {
                    bytes.write(HexFormat.fromHexDigits(raw, i + 1, i + 3));
                } catch (IllegalArgumentException e) {
                    throw malformed(raw);
                }
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LambdaException malformed(String raw) {
        return LambdaException.invalidParameter("Malformed percent-encoding in request URI: "
                + LambdaException.echo(raw));
    }
}
