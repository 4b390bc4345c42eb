package dev.thaw.runtime.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.runtime.serde.RuntimeJson;

/** Lenient reading of the small JSON objects that come with an invocation; Jackson is touched only when one is present. */
final class JsonObjects {

    private JsonObjects() {
    }

    /** The object, or null when the text is empty, malformed, or not an object. */
    static JsonNode read(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            JsonNode node = RuntimeJson.mapper().readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The first of the named fields that holds a value, as text. */
    static String text(JsonNode object, String... names) {
        for (String name : names) {
            JsonNode value = object.get(name);
            if (value != null && !value.isNull()) {
                return value.isValueNode() ? value.asText() : value.toString();
            }
        }
        return null;
    }
}
