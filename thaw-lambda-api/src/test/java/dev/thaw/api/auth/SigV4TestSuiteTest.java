package dev.thaw.api.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * AWS's published SigV4 test suite: each request, signed with the suite's example key, must verify, and must not
 * once its signature is changed. The 2011 suite dates its requests with the Date header (service {@code host}), the
 * 2015 suite with X-Amz-Date (service {@code service}).
 */
class SigV4TestSuiteTest {

    private static final String UNRESERVED = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final AccessKeys KEYS = new AccessKeys(Map.of("default",
            new AccessKey("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")));

    /** One request of the suite: what it sends and the signature the suite publishes for it. */
    record Vector(String name, String method, String target, Map<String, List<String>> headers, String body,
                  String signedHeaders, String signature) {

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> suite2011() {
        return Stream.of(
                get2011("get-vanilla", "/", "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470"),
                get2011("get-relative", "/foo/..", "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470"),
                get2011("get-relative-relative", "/foo/bar/../..",
                        "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470"),
                get2011("get-slash", "//", "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470"),
                get2011("get-slash-dot-slash", "/./",
                        "b27ccfbfa7df52a200ff74193ca6e32d4b48b8856fab7ebf1c595d0670a7e470"),
                get2011("get-slash-pointless-dot", "/./foo",
                        "910e4d6c9abafaf87898e1eb4c929135782ea25bb0279703146455745391e63a"),
                get2011("get-slashes", "//foo//", "b00392262853cfe3201e47ccf945601079e9b8a7f51ee4c3d9ee4f187aa9bf19"),
                get2011("get-unreserved", "/" + UNRESERVED,
                        "830cc36d03f0f84e6ee4953fbe701c1c8b71a0372c63af9255aa364dd183281e"),
                get2011("get-vanilla-query-order-key", "/?a=foo&b=foo",
                        "0dc122f3b28b831ab48ba65cb47300de53fbe91b577fe113edac383730254a3b"),
                get2011("get-vanilla-query-order-value", "/?foo=b&foo=a",
                        "feb926e49e382bec75c9d7dcb2a1b6dc8aa50ca43c25d2bc51143768c0875acc"),
                get2011("get-vanilla-query-order-key-case", "/?foo=Zoo&foo=aha",
                        "be7148d34ebccdc6423b19085378aa0bee970bdc61d144bd1a8c48c33079ab09"),
                get2011("get-vanilla-query-unreserved", "/?" + UNRESERVED + "=" + UNRESERVED,
                        "f1498ddb4d6dae767d97c466fb92f1b59a2c71ca29ac954692663f9db03426fb"),
                get2011("get-vanilla-ut8-query", "/?\u1234=bar",
                        "6fb359e9a05394cc7074e0feb42573a2601abc0c869a953e8c5c12e4e01f1a8c"),
                post2011("post-vanilla", "/", Map.of(), "", "date;host",
                        "22902d79e148b64e7571c3565769328423fe276eae4b26f83afceda9e767f726"),
                post2011("post-vanilla-query", "/?foo=bar", Map.of(), "", "date;host",
                        "b6e3b79003ce0743a491606ba1035a804593b0efb1e20a11cba83f8c25a57a92"),
                post2011("get-header-value-trim", "/", Map.of("p", List.of(" phfft ")), "", "date;host;p",
                        "debf546796015d6f6ded8626f5ce98597c33b47b9164cf6b17b4642036fcb592"),
                post2011("post-header-key-sort", "/", Map.of("ZOO", List.of("zoobar")), "", "date;host;zoo",
                        "b7a95a52518abbca0964a999a880429ab734f35ebbf1235bd79a5de87756dc4a"),
                post2011("post-header-value-case", "/", Map.of("zoo", List.of("ZOOBAR")), "", "date;host;zoo",
                        "273313af9d0c265c531e11db70bbd653f3ba074c1009239e8559d3987039cad7"),
                post2011("post-x-www-form-urlencoded", "/",
                        Map.of("Content-Type", List.of("application/x-www-form-urlencoded")), "foo=bar",
                        "content-type;date;host", "5a15b22cf462f047318703b92e6f4f38884e4a7ab7b1d6426ca46a8bd1c26cbc"),
                post2011("post-x-www-form-urlencoded-parameters", "/",
                        Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf8")), "foo=bar",
                        "content-type;date;host", "b105eb10c6d318d2294de9d49dd8b031b55e3c3fe139f2e637da70511e9e7b71"));
    }

    static Stream<Arguments> suite2015() {
        return Stream.of(
                get2015("get-vanilla", "GET", "/",
                        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
                get2015("get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1",
                        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"),
                get2015("get-utf8", "GET", "/\u1234",
                        "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
                get2015("post-vanilla", "POST", "/",
                        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite2011")
    void the2011SuiteVerifies(Vector vector) {
        assertVerifies(vector, "host", "host.foo.com", "2011-09-09T23:36:00Z");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("suite2015")
    void the2015SuiteVerifies(Vector vector) {
        assertVerifies(vector, "service", "example.amazonaws.com", "2015-08-30T12:36:00Z");
    }

    private static void assertVerifies(Vector vector, String service, String host, String now) {
        SignatureVerifier verifier = new SignatureVerifier(KEYS, service,
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
        String scope = now.substring(0, 10).replace("-", "") + "/us-east-1/" + service + "/aws4_request";
        RequestHead signed = head(vector, host, vector.signature(), scope);
        byte[] body = vector.body().getBytes(StandardCharsets.UTF_8);
        assertEquals("AKIDEXAMPLE", verifier.check(signed).verify(body).key().accessKeyId());
        String wrong = (vector.signature().charAt(0) == '0' ? "1" : "0") + vector.signature().substring(1);
        AuthException refused = assertThrows(AuthException.class,
                () -> verifier.check(head(vector, host, wrong, scope)).verify(body));
        assertEquals(AuthFailure.INVALID_SIGNATURE, refused.failure());
    }

    private static RequestHead head(Vector vector, String host, String signature, String scope) {
        Map<String, List<String>> headers = new LinkedHashMap<>(vector.headers());
        headers.put("Host", List.of(host));
        headers.put("Authorization", List.of("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/" + scope
                + ", SignedHeaders=" + vector.signedHeaders() + ", Signature=" + signature));
        int query = vector.target().indexOf('?');
        return new RequestHead(vector.method(), query < 0 ? vector.target() : vector.target().substring(0, query),
                query < 0 ? "" : vector.target().substring(query + 1), headers);
    }

    private static Arguments get2011(String name, String target, String signature) {
        return Arguments.of(new Vector(name, "GET", target, date2011(Map.of()), "", "date;host", signature));
    }

    private static Arguments post2011(String name, String target, Map<String, List<String>> headers, String body,
                                      String signedHeaders, String signature) {
        return Arguments.of(new Vector(name, "POST", target, date2011(headers), body, signedHeaders, signature));
    }

    private static Map<String, List<String>> date2011(Map<String, List<String>> headers) {
        Map<String, List<String>> withDate = new LinkedHashMap<>(headers);
        withDate.put("Date", List.of("Mon, 09 Sep 2011 23:36:00 GMT"));
        return withDate;
    }

    private static Arguments get2015(String name, String method, String target, String signature) {
        return Arguments.of(new Vector(name, method, target, Map.of("X-Amz-Date", List.of("20150830T123600Z")), "",
                "host;x-amz-date", signature));
    }
}
