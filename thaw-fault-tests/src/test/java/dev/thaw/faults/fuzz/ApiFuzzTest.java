package dev.thaw.faults.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.faults.FaultForm;
import dev.thaw.faults.FaultReport;
import dev.thaw.faults.Seed;
import dev.thaw.it.Invocations;
import dev.thaw.it.RawHttp;
import dev.thaw.it.ThawServerExtension;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/**
 * Bad input to every route, signed so that it reaches them: the server never answers it with a 5xx (Lambda's generic
 * ServiceException is reported, any other fails), never hangs, and keeps serving (a health invoke after each batch).
 * The inputs come from one seeded generator ({@link FuzzInputs}); their number is the form's.
 */
class ApiFuzzTest {

    private static final int BATCH = 200;
    private static final ThawServerExtension THAW = new ThawServerExtension();
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final Map<Verdict, AtomicInteger> VERDICTS = new ConcurrentHashMap<>();
    /** Per kind of answer (route, status, error type): the shortest input that got it. */
    private static final Map<String, FuzzRequest> FINDINGS = new ConcurrentHashMap<>();
    private static final Seed SEED = Seed.current();
    private static FuzzClient client;

    @BeforeAll
    static void startServer() throws IOException {
        THAW.beforeAll(null);
        THAW.createFunction("fuzz-target", "example.Hello::handleRequest");
        THAW.createFunction("fuzz-health", "example.Hello::handleRequest");
        client = new FuzzClient(THAW.endpoint(), THAW.http());
    }

    @AfterAll
    static void reportAndStop() throws IOException {
        try {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            VERDICTS.forEach((verdict, count) -> counts.put(verdict, count.get()));
            FaultReport.Section section = FaultReport.Section.of("fuzz", SEED)
                    .figure("inputs tried", TRIED.get())
                    .figure("5xx", counts.getOrDefault(Verdict.GENERIC_5XX, 0) + counts.getOrDefault(Verdict.FAILING_5XX, 0))
                    .figure("5xx other than the generic ServiceException", counts.getOrDefault(Verdict.FAILING_5XX, 0))
                    .figure("generic ServiceException 5xx", counts.getOrDefault(Verdict.GENERIC_5XX, 0))
                    .figure("4xx without Lambda's error shape", counts.getOrDefault(Verdict.UNSHAPED_4XX, 0))
                    .figure("closed without an answer", counts.getOrDefault(Verdict.NO_ANSWER, 0))
                    .figure("answers without findings", counts.getOrDefault(Verdict.CLEAN, 0));
            FINDINGS.forEach((kind, request) -> section.finding(kind + " <- " + request.describe()));
            FaultReport.write(section);
            assertEquals(0, counts.getOrDefault(Verdict.FAILING_5XX, 0), () -> "5xx for bad input: " + FINDINGS.keySet());
        } finally {
            THAW.afterAll(null);
        }
    }

    @Test
    void badInputGetsALambdaErrorPromptly() throws IOException {
        FuzzInputs inputs = new FuzzInputs(SEED.random("fuzz"));
        for (int i = 0; i < FaultForm.current().fuzzInputs; i++) {
            send(inputs.next());
        }
    }

    private static void send(FuzzRequest request) throws IOException {
        String kind;
        Verdict verdict;
        try {
            RawHttp.Response response = client.send(request);
            verdict = Verdict.of(response.status(), response.errorType(), response.body());
            kind = verdict + " " + response.status() + " " + response.errorType() + " on " + request.route() + ": "
                    + abbreviate(response.body());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + FuzzClient.TIMEOUT + ": " + request.describe(), e);
        } catch (IOException e) {
            verdict = Verdict.NO_ANSWER;
            kind = verdict + " on " + request.route() + ": " + e.getMessage();
        }
        VERDICTS.computeIfAbsent(verdict, v -> new AtomicInteger()).incrementAndGet();
        if (verdict != Verdict.CLEAN) {
            FINDINGS.merge(kind, request, (kept, next) -> next.target().length() + next.body().length
                    < kept.target().length() + kept.body().length ? next : kept);
        }
        if (TRIED.incrementAndGet() % BATCH == 0) {
            assertServing();
        }
    }

    /** The health function still answers; the fuzz target is made again if an input deleted it. */
    private static void assertServing() {
        assertEquals("\"Hello, fuzz!\"", Invocations.text(Invocations.invoke(THAW.client(), "fuzz-health",
                "{\"name\":\"fuzz\"}")));
        try {
            THAW.client().getFunction(r -> r.functionName("fuzz-target"));
        } catch (ResourceNotFoundException e) {
            THAW.createFunction("fuzz-target", "example.Hello::handleRequest");
        }
    }

    private static String abbreviate(String body) {
        String line = body.replace('\n', ' ');
        return line.length() <= 200 ? line : line.substring(0, 200) + "...";
    }
}
