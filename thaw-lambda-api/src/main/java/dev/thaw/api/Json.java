package dev.thaw.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.thaw.controlplane.LambdaException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda wire format: members in upper camel case (record component {@code functionName} is
 * {@code FunctionName}), null members omitted, members this server does not know ignored.
 */
final class Json {

    /** A CreateFunction body carries the zip base64-encoded: Lambda's 50 MB limit is ~67 MB of text. */
    private static final int MAX_STRING_CHARS = 80 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_STRING_CHARS).build())
                    .build())
            .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a request body; an empty body or a JSON {@code null} is an empty object, malformed JSON is
     * InvalidRequestContentException.
     */
    static <T> T read(byte[] body, Class<T> type) {
        try {
            T value = MAPPER.readValue(body.length == 0 ? EMPTY_OBJECT : body, type);
            return value != null ? value : MAPPER.readValue(EMPTY_OBJECT, type);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw LambdaException.invalidRequestContent("Could not parse request body into json: "
                    + LambdaException.echo(detail));
        }
    }
}
