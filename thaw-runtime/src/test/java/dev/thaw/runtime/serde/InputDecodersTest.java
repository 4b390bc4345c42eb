package dev.thaw.runtime.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputDecodersTest {

    public static class Order {
        public String id;
        public List<String> items;
        public Instant placed;
        public Optional<LocalDate> delivery;
    }

    private static Object decode(Type type, String payload) throws IOException {
        return InputDecoders.forType(type).decode(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void strings() throws IOException {
        assertEquals("abc", decode(String.class, "\"abc\""));
        assertEquals("a\"b\n", decode(String.class, " \"a\\\"b\\n\" "));
        assertEquals("plain text", decode(String.class, "plain text"));
        assertEquals("{\"a\":1}", decode(String.class, "{\"a\":1}"));
        assertEquals("\"a\" \"b\"", decode(String.class, "\"a\" \"b\""));
        assertEquals("42", decode(String.class, "42"));
    }

    @Test
    void genericJson() throws IOException {
        assertEquals(Map.of("a", 1, "b", List.of(true)), decode(Map.class, "{\"a\":1,\"b\":[true]}"));
        assertEquals(List.of("x", 2), decode(List.class, "[\"x\",2]"));
        assertEquals(Map.of("k", "v"), decode(Object.class, "{\"k\":\"v\"}"));
    }

    @Test
    void primitivesAndBoxes() throws IOException {
        assertEquals(42, decode(int.class, "42"));
        assertEquals(7L, decode(Long.class, "7"));
        assertEquals(true, decode(boolean.class, "true"));
        assertEquals(1.5, decode(Double.class, "1.5"));
    }

    @Test
    void emptyPayloadIsNullOrThePrimitiveDefault() throws IOException {
        assertNull(decode(String.class, ""));
        assertNull(decode(Order.class, "  \n"));
        assertNull(decode(Map.class, ""));
        assertEquals(0, decode(int.class, ""));
        assertEquals(false, decode(boolean.class, ""));
    }

    @Test
    void bytesAndStreamsAreRaw() throws IOException {
        assertArrayEquals("{not json".getBytes(StandardCharsets.UTF_8), (byte[]) decode(byte[].class, "{not json"));
        InputStream stream = assertInstanceOf(InputStream.class, decode(InputStream.class, "raw"));
        assertEquals("raw", new String(stream.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void pojosIgnoreUnknownsMatchCaseInsensitivelyAndAcceptSingleValues() throws IOException {
        Order order = (Order) decode(Order.class, "{\"ID\":\"o-1\",\"items\":\"only\",\"unknown\":{\"x\":1}}");
        assertEquals("o-1", order.id);
        assertEquals(List.of("only"), order.items);
    }

    @Test
    void javaTimeAndOptionalInPojos() throws IOException {
        Order order = (Order) decode(Order.class, "{\"placed\":\"2024-05-01T10:15:30Z\",\"delivery\":\"2024-05-03\"}");
        assertEquals(Instant.parse("2024-05-01T10:15:30Z"), order.placed);
        assertEquals(Optional.of(LocalDate.of(2024, 5, 3)), order.delivery);
    }

    @Test
    void malformedJsonFails() {
        assertThrows(IOException.class, () -> decode(Order.class, "{\"id\":"));
    }

    @Test
    void sqsEventWithCapitalisedRecords() throws IOException {
        SQSEvent event = (SQSEvent) decode(SQSEvent.class, "{\"Records\":[{\"messageId\":\"m1\",\"body\":\"hi\","
                + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:1:q\",\"messageAttributes\":{},"
                + "\"attributes\":{\"ApproximateReceiveCount\":\"1\"}}]}");
        assertEquals(1, event.getRecords().size());
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        assertEquals("m1", message.getMessageId());
        assertEquals("hi", message.getBody());
        assertEquals("arn:aws:sqs:us-east-1:1:q", message.getEventSourceArn());
        assertEquals("1", message.getAttributes().get("ApproximateReceiveCount"));
    }

    @Test
    void apiGatewayProxyEvent() throws IOException {
        APIGatewayProxyRequestEvent event = (APIGatewayProxyRequestEvent) decode(APIGatewayProxyRequestEvent.class,
                "{\"resource\":\"/{proxy+}\",\"path\":\"/hello\",\"httpMethod\":\"POST\",\"headers\":{\"Accept\":\"*/*\"},"
                        + "\"queryStringParameters\":{\"q\":\"1\"},\"isBase64Encoded\":false,\"body\":\"{}\","
                        + "\"requestContext\":{\"requestId\":\"r-1\",\"identity\":{\"sourceIp\":\"10.0.0.1\"}}}");
        assertEquals("POST", event.getHttpMethod());
        assertEquals("/hello", event.getPath());
        assertEquals("*/*", event.getHeaders().get("Accept"));
        assertEquals(false, event.getIsBase64Encoded());
        assertEquals("r-1", event.getRequestContext().getRequestId());
        assertEquals("10.0.0.1", event.getRequestContext().getIdentity().getSourceIp());
    }

    @Test
    void dynamodbEventWithCapitalisedAttributeValues() throws IOException {
        DynamodbEvent event = (DynamodbEvent) decode(DynamodbEvent.class, "{\"Records\":[{\"eventName\":\"INSERT\","
                + "\"dynamodb\":{\"Keys\":{\"Id\":{\"N\":\"101\"}},\"NewImage\":{\"Message\":{\"S\":\"New item!\"}}}}]}");
        DynamodbEvent.DynamodbStreamRecord record = event.getRecords().get(0);
        assertEquals("INSERT", record.getEventName());
        assertEquals("101", record.getDynamodb().getKeys().get("Id").getN());
        assertEquals("New item!", record.getDynamodb().getNewImage().get("Message").getS());
    }

    @Test
    void scheduledEventWithJodaTime() throws IOException {
        ScheduledEvent event = (ScheduledEvent) decode(ScheduledEvent.class, "{\"version\":\"0\",\"id\":\"e-1\","
                + "\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"time\":\"2015-10-08T16:53:06Z\","
                + "\"resources\":[\"arn:aws:events:us-east-1:1:rule/r\"],\"detail\":{}}");
        assertEquals("e-1", event.getId());
        assertEquals(1444323186000L, event.getTime().getMillis());
        assertEquals(List.of("arn:aws:events:us-east-1:1:rule/r"), event.getResources());
    
        assertNull(((ScheduledEvent) decode(ScheduledEvent.class, "{\"time\":\"\"}")).getTime());
    }
}
