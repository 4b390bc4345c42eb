package dev.thaw.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionUrlAuthType;

/**
 * A real browser (headless Chromium) on a page of another origin calls function URLs with {@code fetch()}: a URL
 * whose Cors allows the page's origin answers the preflight and lets the page read the answer; one that does not
 * leaves the page unable to.
 */
class FunctionUrlBrowserTest {

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private static final Path CHROMIUM = Path.of(System.getProperty("thaw.chromium", "/usr/bin/chromium"));

    @Test
    void aPageOfAnAllowedOriginReadsTheAnswerAndAnotherCannot() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed");
        LambdaClient lambda = THAW.client();
        THAW.createFunction("browser-echo", "example.UrlEcho::handleRequest");
        lambda.createAlias(r -> r.functionName("browser-echo").name("other").functionVersion("$LATEST"));
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String origin = "http://127.0.0.1:" + pages.getAddress().getPort();
        String allowed = lambda.createFunctionUrlConfig(r -> r.functionName("browser-echo")
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins(origin).allowMethods("POST")
                        .allowHeaders("x-custom").exposeHeaders("x-echo"))).functionUrl();
        String refused = lambda.createFunctionUrlConfig(r -> r.functionName("browser-echo").qualifier("other")
                .authType(FunctionUrlAuthType.NONE).cors(c -> c.allowOrigins("https://app.example")))
                .functionUrl();
        String page = """
                <html><body><p id="allowed">pending</p><p id="refused">pending</p><script>
                const call = (url) => fetch(url + 'from-page', {method: 'POST', body: 'hi',
                    headers: {'x-custom': '1', 'content-type': 'text/plain'}});
                call('%s').then(async r => document.getElementById('allowed').textContent =
                        r.status + ' ' + r.headers.get('x-echo') + ' ' + JSON.parse(await r.text()).rawPath)
                    .catch(e => document.getElementById('allowed').textContent = 'failed ' + e);
                call('%s').then(r => document.getElementById('refused').textContent = 'read ' + r.status)
                    .catch(e => document.getElementById('refused').textContent = 'blocked');
                </script></body></html>""".formatted(allowed, refused);
        pages.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        pages.start();
        try {
            String dom = dumpDom(origin + "/");
            assertTrue(dom.contains("<p id=\"allowed\">201 yes /from-page</p>"), dom);
            assertTrue(dom.contains("<p id=\"refused\">blocked</p>"), dom);
        } finally {
            pages.stop(0);
        }
    }

    /** The page's DOM once its scripts are done; the virtual time budget lets its fetches finish first. */
    private static String dumpDom(String url) throws IOException, InterruptedException {
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--no-sandbox", "--headless=new",
                "--disable-gpu", "--virtual-time-budget=20000", "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "Chromium did not finish");
        return dom;
    }
}
