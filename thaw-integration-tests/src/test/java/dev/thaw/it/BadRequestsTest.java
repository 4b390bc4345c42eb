package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.thaw.api.client.SignedHttpClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;

/**
 * Requests that are wrong in themselves get Lambda's 4xx answers in Lambda's JSON shape, bounded, and leave nothing
 * behind: a package whose entries collide, a huge name, a path that does not parse, a head beyond the limit.
 */
class BadRequestsTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPackageWhoseEntriesCollideIsInvalidAndKeepsNothing() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new String[] {"x", "x/y"}) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(name.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        InvalidParameterValueException error = assertThrows(InvalidParameterValueException.class,
                () -> THAW.client().createFunction(r -> r.functionName("colliding")
                        .runtime(ThawServerExtension.RUNTIME).role(ThawServerExtension.ROLE)
                        .handler("example.Hello::handleRequest")
                        .code(c -> c.zipFile(SdkBytes.fromByteArray(bytes.toByteArray())))));
        assertEquals(400, error.statusCode());
        assertEquals("Could not unzip uploaded file. Please check your file, then try to upload again.",
                error.awsErrorDetails().errorMessage());
        try (Stream<Path> code = Files.list(THAW.dataDir().resolve("code"))) {
            assertEquals(0, code.count());
        }
    }

    @Test
    void aHugeFunctionNameIsNotEchoedWhole() {
        String huge = "a".repeat(200_000);
        LambdaException error = assertThrows(LambdaException.class,
                () -> THAW.client().createFunction(r -> r.functionName(huge).runtime(ThawServerExtension.RUNTIME)
                        .role(ThawServerExtension.ROLE).handler("example.Hello::handleRequest")
                        .code(c -> c.zipFile(ExamplePackages.jar()))));
        assertEquals(400, error.statusCode());
        assertEquals("ValidationException", error.awsErrorDetails().errorCode());
        String message = error.awsErrorDetails().errorMessage();
        assertTrue(message.length() < 1024, message.length() + " characters");
        assertTrue(message.contains("at 'functionName' failed to satisfy constraint: Member must have length"),
                message);
        assertFalse(error.requestId() == null || error.requestId().isEmpty());
    }

    @Test
    void aJsonNullBodyIsAnEmptyRequestNotAnInternalError() throws Exception {
        try (SignedHttpClient http = THAW.http()) {
            HttpResponse<String> answer = http.send("PUT", THAW.endpoint().resolve(
                    "/2019-09-30/functions/null-body/provisioned-concurrency?Qualifier=1"), Map.of(),
                    "null".getBytes(StandardCharsets.UTF_8), HttpResponse.BodyHandlers.ofString());
            assertTrue(answer.statusCode() >= 400 && answer.statusCode() < 500, answer.statusCode() + " " + answer.body());
            assertTrue(JSON.readTree(answer.body()).has("message"), answer.body());
        }
    }

    @Test
    void aPathThatDoesNotParseIsAnsweredInLambdasShape() throws IOException {
        Raw answer = raw("GET /2015-03-31/functions/%zz% HTTP/1.1\r\nHost: " + authority() + "\r\n"
                + "Connection: close\r\n\r\n");
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.lowerCaseHead().contains("x-amzn-errortype: invalidrequestcontentexception"),
                answer.toString());
        assertTrue(answer.lowerCaseHead().contains("x-amzn-requestid: "), answer.toString());
        JsonNode body = JSON.readTree(answer.body());
        assertTrue(body.has("message") && body.has("Type"), answer.toString());
    }

    @Test
    void aOneMegabyteHeaderIsAnswered431() throws IOException {
        Raw answer = raw("GET /2015-03-31/functions/ HTTP/1.1\r\nHost: " + authority() + "\r\nX-Big: "
                + "a".repeat(1024 * 1024) + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, answer.status(), answer.toString());
        assertTrue(answer.lowerCaseHead().contains("x-amzn-errortype: requestheaderfieldstoolargeexception"),
                answer.head());
        assertTrue(JSON.readTree(answer.body()).has("message"), answer.toString());
    }

    @Test
    void twoThousandHeadersAreAnswered431() throws IOException {
        StringBuilder request = new StringBuilder("GET /2015-03-31/functions/ HTTP/1.1\r\nHost: " + authority()
                + "\r\nConnection: close\r\n");
        for (int i = 0; i < 2000; i++) {
            request.append("X-Header-").append(i).append(": value\r\n");
        }
        Raw answer = raw(request.append("\r\n").toString());
        assertEquals(431, answer.status(), answer.toString());
    }

    private record Raw(int status, String head, String body) {

        String lowerCaseHead() {
            return head.toLowerCase(Locale.ROOT);
        }
    }

    private static String authority() {
        return THAW.endpoint().getRawAuthority();
    }

    /** Sends the request as it is and reads the whole answer; a server that resets the connection fails the test. */
    private static Raw raw(String request) throws IOException {
        try (Socket socket = new Socket(THAW.endpoint().getHost(), THAW.endpoint().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // Refused part-way through a long head: the answer was written before the connection closed.
            }
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = response.indexOf("\r\n\r\n");
            assertTrue(end > 0, "no HTTP answer: '" + response + "'");
            return new Raw(Integer.parseInt(response.substring(9, 12)), response.substring(0, end),
                    response.substring(end + 4));
        }
    }
}
