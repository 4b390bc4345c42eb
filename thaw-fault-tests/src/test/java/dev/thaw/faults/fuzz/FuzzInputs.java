package dev.thaw.faults.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.stream.IntStream;

/**
 * Generators of bad input for every route of the Lambda API (the paths of the Router's route classes, the fields and
 * query parameters of botocore's Lambda model): random and huge strings, unicode, percent-encoding right and wrong,
 * JSON of the wrong types and nested garbage. Drawn from one seeded {@link Random}, so a seed replays a run.
 */
final class FuzzInputs {

    /** Method and path template of each route; {} marks a path parameter. */
    static final List<String> ROUTES = List.of(
            "POST /2015-03-31/functions", "GET /2015-03-31/functions", "GET /2015-03-31/functions/{}",
            "DELETE /2015-03-31/functions/{}", "GET /2015-03-31/functions/{}/configuration",
            "PUT /2015-03-31/functions/{}/configuration", "PUT /2015-03-31/functions/{}/code",
            "POST /2015-03-31/functions/{}/versions", "GET /2015-03-31/functions/{}/versions",
            "POST /2015-03-31/functions/{}/invocations", "POST /2015-03-31/functions/{}/aliases",
            "GET /2015-03-31/functions/{}/aliases", "GET /2015-03-31/functions/{}/aliases/{}",
            "PUT /2015-03-31/functions/{}/aliases/{}", "DELETE /2015-03-31/functions/{}/aliases/{}",
            "PUT /2017-10-31/functions/{}/concurrency", "DELETE /2017-10-31/functions/{}/concurrency",
            "GET /2019-09-30/functions/{}/concurrency", "PUT /2019-09-30/functions/{}/provisioned-concurrency",
            "GET /2016-08-19/account-settings", "GET /2017-03-31/tags/{}", "POST /2017-03-31/tags/{}",
            "DELETE /2017-03-31/tags/{}", "GET /thaw/packages/{}", "GET /metrics", "GET /thaw/store/stats",
            "PATCH /2015-03-31/functions/{}", "GET /{}");

    private static final List<String> FIELDS = List.of("FunctionName", "Runtime", "Role", "Handler", "Code",
            "ZipFile", "S3Bucket", "S3Key", "ImageUri", "Description", "Timeout", "MemorySize", "Publish",
            "Environment", "Variables", "SnapStart", "ApplyOn", "EphemeralStorage", "Size", "Layers", "Architectures",
            "PackageType", "Tags", "RevisionId", "CodeSha256", "Name", "FunctionVersion", "RoutingConfig",
            "AdditionalVersionWeights", "ReservedConcurrentExecutions", "ProvisionedConcurrentExecutions",
            "DeadLetterConfig", "TracingConfig", "VpcConfig", "LoggingConfig", "DryRun", "name");
    private static final List<String> QUERY_NAMES = List.of("Qualifier", "Marker", "MaxItems", "FunctionVersion",
            "tagKeys", "MasterRegion", "x");
    private static final List<String> TRICKY = List.of("", ".", "..", "%", "%zz%", "%00", "%2F", "%252F", "x/y",
            "$LATEST", "fuzz-target", "fuzz-target:1", "fuzz-target:$LATEST", "fuzz-target:1:2", ":", "\u0000",
            "arn:aws:lambda:us-east-1:000000000000:function:fuzz-target", "arn:aws:lambda:::function:",
            "-1", "0", "99999999999999999999", "1e309", "NaN", "true", "null", "{}", "[]", "\"", "\\", "<script>",
            "\u00e9\u4e2d\ud83d\ude00", "\ud800");

    /** Printable ASCII, '!' to '~'. */
    private static final String PRINTABLE = IntStream.rangeClosed('!', '~')
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();

    private final Random random;

    FuzzInputs(Random random) {
        this.random = random;
    }

    FuzzRequest next() {
        String route = pick(ROUTES);
        String[] parts = route.split(" ", 2);
        String path = parts[1].replaceFirst("\\{}", Matcher.quoteReplacement(segment())).replace("{}", segment());
        return new FuzzRequest(route, parts[0], path, query(), body().getBytes(StandardCharsets.UTF_8));
    }

    /** Any text: a value chosen to trip parsers, short random unicode, printable ASCII, or huge. */
    String text() {
        int kind = random.nextInt(9);
        if (kind < 3) {
            return pick(TRICKY);
        }
        if (kind < 6) {
            return codePoints(random.nextInt(41));
        }
        if (kind < 8) {
            return chars(PRINTABLE, random.nextInt(201));
        }
        return chars("a%/:", 5_000 + random.nextInt(65_001));
    }

    /** A path segment: raw (maybe malformed), percent-encoded, or encoded twice. */
    private String segment() {
        String value = text();
        return switch (random.nextInt(3)) {
            case 0 -> value;
            case 1 -> encode(value);
            default -> encode(encode(value));
        };
    }

    private String query() {
        List<String> pairs = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            String name = random.nextBoolean() ? pick(QUERY_NAMES) : text();
            String value = text();
            pairs.add(random.nextBoolean() ? name + "=" + value : encode(name) + "=" + encode(value));
        }
        return String.join("&", pairs);
    }

    /** A JSON document of the route's fields with values of any type, or something that is not JSON at all. */
    private String body() {
        int kind = random.nextInt(9);
        if (kind < 6) {
            return json(3);
        }
        if (kind == 6) {
            return text();
        }
        if (kind == 7) {
            return "[".repeat(1 + random.nextInt(5_000));
        }
        String document = json(2);
        return document.substring(0, document.length() / 2);
    }

    private String json(int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(3);
        if (kind == 0) {
            return random.nextBoolean() ? quote(text())
                    : pick(List.of("0", "-1", "1.5", "1e400", "99999999999999999999999", "true", "false", "null"));
        }
        List<String> items = new ArrayList<>();
        if (kind == 1) {
            for (int i = random.nextInt(7); i > 0; i--) {
                items.add(quote(random.nextBoolean() ? pick(FIELDS) : text()) + ":" + json(depth - 1));
            }
            return "{" + String.join(",", items) + "}";
        }
        for (int i = random.nextInt(5); i > 0; i--) {
            items.add(json(depth - 1));
        }
        return "[" + String.join(",", items) + "]";
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Random code points of the whole range, lone surrogates included. */
    private String codePoints(int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
        }
        return out.toString();
    }

    private String chars(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> out.append(c == '"' || c == '\\' ? "\\" + (char) c
                : c < 0x20 ? String.format("\\u%04x", c) : new String(Character.toChars(c))));
        return out.append('"').toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
