package dev.thaw.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.api.auth.Caller;
import dev.thaw.api.auth.RequestHead;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event a function URL hands its function: API Gateway's payload format 2.0, as Lambda fills it. Header names
 * are lower-cased and repeated values comma-joined; cookies are taken out of the headers into their own list; a
 * body that is not text is base64-encoded.
 *
 * @param urlId    the URL's id, the event's apiId and domainPrefix
 * @param rawPath  the path within the URL, as sent
 * @param sourceIp the client's address
 * @param protocol the request's HTTP version, e.g. {@code HTTP/1.1}
 * @param caller   who signed the request, for an AWS_IAM URL
 */
record UrlEvent(RequestHead head, byte[] body, String urlId, String domainName, String rawPath, String sourceIp,
                String protocol, String requestId, Instant time, String accountId, Optional<Caller> caller) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);
    private static final Pattern TEXT_TYPE = Pattern.compile(
            "(?i)\\s*(text/.*|application/([\\w.+-]*\\+)?(json|xml|javascript|x-www-form-urlencoded)\\b.*)");
    private static final String ROUTE_KEY = "$default";

    /** The event as JSON, the payload of the invocation. */
    byte[] toJson() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", ROUTE_KEY);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", head.rawQuery());
        List<String> cookies = cookies();
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", headers());
        Map<String, String> query = queryStringParameters();
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        event.put("requestContext", requestContext());
        boolean text = isText();
        if (body.length > 0) {
            event.put("body", text ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body));
        }
        event.put("isBase64Encoded", body.length > 0 && !text);
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a function URL event", e);
        }
    }

    private List<String> cookies() {
        List<String> cookies = new ArrayList<>();
        for (String header : head.headerValues("Cookie")) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        return cookies;
    }

    private Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        head.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Cookie")) {
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
            }
        });
        return headers;
    }

    private Map<String, String> queryStringParameters() {
        Map<String, String> query = new LinkedHashMap<>();
        Router.parseQuery(head.rawQuery()).forEach((name, values) -> query.put(name, String.join(",", values)));
        return query;
    }

    private Map<String, Object> requestContext() {
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", head.method());
        http.put("path", PercentDecoding.decode(rawPath));
        http.put("protocol", protocol);
        http.put("sourceIp", sourceIp);
        http.put("userAgent", head.header("User-Agent").orElse(null));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", caller.isPresent() ? accountId : "anonymous");
        context.put("apiId", urlId);
        caller.ifPresent(signer -> context.put("authorizer", Map.of("iam", iam(signer))));
        context.put("domainName", domainName);
        context.put("domainPrefix", urlId);
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", ROUTE_KEY);
        context.put("stage", ROUTE_KEY);
        context.put("time", TIME.format(time));
        context.put("timeEpoch", time.toEpochMilli());
        return context;
    }

    /** The signer as Lambda describes an IAM caller; the server's keys all belong to its one account. */
    private Map<String, Object> iam(Caller signer) {
        Map<String, Object> iam = new LinkedHashMap<>();
        iam.put("accessKey", signer.key().accessKeyId());
        iam.put("accountId", accountId);
        iam.put("callerId", signer.key().accessKeyId());
        iam.put("cognitoIdentity", null);
        iam.put("principalOrgId", null);
        iam.put("userArn", "arn:aws:iam::" + accountId + ":root");
        iam.put("userId", accountId);
        return iam;
    }

    private boolean isText() {
        return head.header("Content-Type").map(type -> TEXT_TYPE.matcher(type).matches()).orElse(false);
    }
}
