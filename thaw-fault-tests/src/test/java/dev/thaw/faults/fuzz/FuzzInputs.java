package dev.thaw.faults.fuzz;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of bad input for every route of the Lambda API (the paths of the Router's route classes, the fields and
 * query parameters of botocore's Lambda model): random and huge strings, unicode, percent-encoding right and wrong,
 * JSON of the wrong types and nested garbage.
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

    private FuzzInputs() {
    }

    static Arbitrary<FuzzRequest> requests() {
        return Combinators.combine(Arbitraries.of(ROUTES), segment(), segment(), query(), body())
                .as((route, first, second, query, body) -> {
                    String[] parts = route.split(" ", 2);
                    String path = parts[1].replaceFirst("\\{}", Matcher.quoteReplacement(first))
                            .replace("{}", second);
                    return new FuzzRequest(route, parts[0], path, query, body.getBytes(StandardCharsets.UTF_8));
                });
    }

    /** Any text: short, huge, unicode, or a value chosen to trip parsers. */
    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(TRICKY)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(2, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200)),
                Tuple.of(1, Arbitraries.strings().withChars("a%/:").ofMinLength(5_000).ofMaxLength(70_000)));
    }

    /** A path segment: raw (maybe malformed), percent-encoded, or encoded twice. */
    private static Arbitrary<String> segment() {
        return Combinators.combine(text(), Arbitraries.integers().between(0, 2)).as((value, encoding) -> switch (encoding) {
            case 0 -> value;
            case 1 -> encode(value);
            default -> encode(encode(value));
        });
    }

    private static Arbitrary<String> query() {
        Arbitrary<String> pair = Combinators.combine(Arbitraries.oneOf(Arbitraries.of(QUERY_NAMES), text()), text(),
                Arbitraries.of(true, false)).as((name, value, raw) -> raw ? name + "=" + value
                : encode(name) + "=" + encode(value));
        return pair.list().ofMaxSize(4).map(pairs -> String.join("&", pairs));
    }

    /** A JSON document of the route's fields with values of any type, or something that is not JSON at all. */
    private static Arbitrary<String> body() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, json(3)),
                Tuple.of(1, text()),
                Tuple.of(1, Arbitraries.integers().between(1, 5_000).map(depth -> "[".repeat(depth))),
                Tuple.of(1, json(2).map(doc -> doc.substring(0, doc.length() / 2))));
    }

    private static Arbitrary<String> json(int depth) {
        Arbitrary<String> scalar = Arbitraries.oneOf(text().map(FuzzInputs::quote),
                Arbitraries.of("0", "-1", "1.5", "1e400", "99999999999999999999999", "true", "false", "null"));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELDS), text()).map(FuzzInputs::quote);
        Arbitrary<String> member = Combinators.combine(key, Arbitraries.lazy(() -> json(depth - 1)))
                .as((name, value) -> name + ":" + value);
        return Arbitraries.oneOf(scalar,
                member.list().ofMaxSize(6).map(members -> "{" + String.join(",", members) + "}"),
                Arbitraries.lazy(() -> json(depth - 1)).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]"));
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
