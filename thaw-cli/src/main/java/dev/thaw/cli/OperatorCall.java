package dev.thaw.cli;

import dev.thaw.api.client.SignedHttpClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Optional;

/** One signed GET of a server's operator route, for the commands that show what it answers. */
final class OperatorCall {

    private OperatorCall() {
    }

    /** The JSON answer, or empty after telling standard error why there is none. */
    static Optional<JsonNode> get(ClientOptions client, URI endpoint, String path, String command)
            throws IOException, InterruptedException {
        HttpResponse<String> response;
        try (SignedHttpClient http = client.httpClient()) {
            response = http.get(endpoint.resolve(path));
        }
        JsonNode body = new ObjectMapper().readTree(response.body());
        if (response.statusCode() != 200) {
            System.err.println(command + ": " + body.path("message").asText(response.body()));
            return Optional.empty();
        }
        return Optional.of(body);
    }
}
