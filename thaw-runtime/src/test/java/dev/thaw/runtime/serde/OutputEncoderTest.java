package dev.thaw.runtime.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.junit.jupiter.api.Test;

class OutputEncoderTest {

    public static class Result {
        public String status = "ok";
        public String nothing;
        public List<Integer> counts = List.of(1, 2);
    }

    private static String encode(Object value) throws IOException {
        return new String(OutputEncoder.encode(value), StandardCharsets.UTF_8);
    }

    @Test
    void nullIsJsonNull() throws IOException {
        assertEquals("null", encode(null));
    }

    @Test
    void stringsAreJsonStrings() throws IOException {
        assertEquals("\"Hello \\\"Bob\\\"\\n\"", encode("Hello \"Bob\"\n"));
        assertEquals("\"\\u0001\u00e9\"", encode("\u0001\u00e9"));
    }

    @Test
    void bytesAndStreamsAreRaw() throws IOException {
        assertEquals("not json", encode("not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals("streamed", encode(new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void valuesAndPojosAreJsonWithoutNullFields() throws IOException {
        assertEquals("42", encode(42));
        assertEquals("true", encode(true));
        assertEquals("{\"status\":\"ok\",\"counts\":[1,2]}", encode(new Result()));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", List.of("x"));
        assertEquals("{\"a\":1,\"b\":[\"x\"]}", encode(map));
    }

    @Test
    void apiGatewayResponseWithSetFieldsOnly() throws IOException {
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent()
                .withStatusCode(200).withHeaders(Map.of("Content-Type", "text/plain")).withBody("hi");
        assertEquals("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/plain\"},\"body\":\"hi\"}", encode(response));
    }

    @Test
    void jodaTimesAsIsoText() throws IOException {
        ScheduledEvent event = new ScheduledEvent().withId("e").withTime(new DateTime(0, DateTimeZone.UTC));
        assertEquals("{\"id\":\"e\",\"time\":\"1970-01-01T00:00:00.000Z\"}", encode(event));
    }
}
