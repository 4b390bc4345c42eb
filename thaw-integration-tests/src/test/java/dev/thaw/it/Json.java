package dev.thaw.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/** Parses the JSON that functions return and the CLI prints. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /**
     * Asserts that {@code actual} matches {@code expected}, where objects may carry more fields than expected
     * lists (serializers differ in whether they write null or default fields).
     */
    public static void assertContains(JsonNode expected, JsonNode actual) {
        if (!expected.isObject()) {
            Assertions.assertEquals(expected, actual);
            return;
        }
        Assertions.assertTrue(actual.isObject(), () -> "expected an object like " + expected + " but got " + actual);
        for (Map.Entry<String, JsonNode> field : expected.properties()) {
            JsonNode value = actual.get(field.getKey());
            Assertions.assertNotNull(value, () -> "field " + field.getKey() + " missing in " + actual);
            assertContains(field.getValue(), value);
        }
    }
}
