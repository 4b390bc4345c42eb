package dev.thaw.faults.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.thaw.api.auth.AccessKeys;
import dev.thaw.faults.FaultForm;
import dev.thaw.faults.FaultReport;
import dev.thaw.faults.Functions;
import dev.thaw.faults.Outcome;
import dev.thaw.faults.Seed;
import dev.thaw.it.ExamplePackages;
import dev.thaw.it.LambdaClients;
import dev.thaw.it.SnapStartVersions;
import dev.thaw.it.ThawServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Several SDK clients mix invokes (warm, cold on demand, restored), publishes, updates and deletes for a bounded
 * time; afterwards every change a client was told about is there, and every invocation got exactly one answer.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LoadTest {

    private static final int CLIENTS = 4;
    private static final int SHARED_FUNCTIONS = 2;

    @RegisterExtension
    static final ThawServerExtension THAW = new ThawServerExtension();

    private final Seed seed = Seed.current();
    private final FaultForm form = FaultForm.current();
    private final LongSupplier clock = System::nanoTime;

    @Test
    void everyAcknowledgedChangeIsKeptAndEveryInvocationAnsweredOnce() throws Exception {
        LoadTarget target = prepare();
        long started = clock.getAsLong();
        runClients(target);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - started);
        List<String> lost = lostChanges(target);
        Tally tally = target.tally();
        Answers answers = target.answers();

        FaultReport.Section section = FaultReport.Section.of("load", seed)
                .figure("clients", CLIENTS).figure("seconds", seconds)
                .figure("requests", tally.requests())
                .figure("unexpected errors", tally.total(Outcome.UNEXPECTED))
                .figure("invocations sent", answers.sent()).figure("invocations answered", answers.answered())
                .figure("invocations unanswered", answers.unanswered())
                .figure("answers wrong", answers.wrong()).figure("answers duplicated", answers.duplicate())
                .figure("starts warm / on demand / restored", tally.starts(Start.WARM) + " / "
                        + tally.starts(Start.ON_DEMAND) + " / " + tally.starts(Start.RESTORED))
                .figure("acknowledged changes lost", lost.size());
        tally.byKind().forEach((kind, count) -> section.figure("requests " + kind, count));
        tally.unexpectedFailures().forEach(line -> section.finding(line));
        lost.forEach(line -> section.finding(line));
        FaultReport.write(section);

        assertEquals(0, tally.total(Outcome.UNEXPECTED), () -> "unexpected errors: "
                + tally.unexpectedFailures());
        assertEquals(List.of(), lost);
        assertEquals(0, answers.unanswered() + answers.wrong() + answers.duplicate(),
                "every invocation is answered exactly once, with its own result");
    }

    private LoadTarget prepare() {
        List<SharedFunction> shared = new ArrayList<>();
        for (int i = 0; i < SHARED_FUNCTIONS; i++) {
            String name = "load-shared-" + i;
            SnapStartVersions.createFunction(THAW, name, "example.Hello::handleRequest");
            shared.add(new SharedFunction(name, clock, ExamplePackages.sha256(ExamplePackages.jar()),
                    SnapStartVersions.publishActive(THAW.client(), name)));
        }
        THAW.createFunction("load-limited", "example.Hello::handleRequest");
        THAW.client().putFunctionConcurrency(r -> r.functionName("load-limited").reservedConcurrentExecutions(1));
        SharedFunction limited = new SharedFunction("load-limited", clock,
                ExamplePackages.sha256(ExamplePackages.jar()), "$LATEST");
        return new LoadTarget(shared, limited, new Tally(), new Answers(), new ConcurrentHashMap<>());
    }

    private void runClients(LoadTarget target) throws Exception {
        List<LambdaClient> clients = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                LambdaClient client = LambdaClients.forEndpoint(THAW.endpoint(), THAW.credentialsFile(),
                        AccessKeys.DEFAULT_PROFILE, Optional.empty());
                clients.add(client);
                running.add(threads.submit(new LoadClient(i, client, seed.random("load-" + i), clock,
                        form.loadDuration, target)));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.forEach(LambdaClient::close);
        }
    }

    /** What a client was told and the server no longer shows, one line each. */
    private static List<String> lostChanges(LoadTarget target) {
        LambdaClient client = THAW.client();
        List<String> lost = new ArrayList<>();
        for (SharedFunction function : target.shared()) {
            client.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(function.name));
            FunctionConfiguration config = client.getFunction(r -> r.functionName(function.name)).configuration();
            if (!function.codeSha.possibleValues().contains(config.codeSha256())) {
                lost.add(function.name + " has code " + config.codeSha256() + ", acknowledged: "
                        + function.codeSha.possibleValues());
            }
            String mark = config.environment() == null ? ""
                    : config.environment().variables().getOrDefault(SharedFunction.MARK, "");
            if (!function.mark.possibleValues().contains(mark)) {
                lost.add(function.name + " has " + SharedFunction.MARK + "=" + mark + ", acknowledged: "
                        + function.mark.possibleValues());
            }
            for (String version : function.versions()) {
                lost.addAll(unsettled(client, function.name, version));
            }
        }
        target.ownFunctions().forEach((name, exists) -> {
            if (Functions.exists(client, name) != exists) {
                lost.add(name + (exists ? " was created and is missing" : " was deleted and is still there"));
            }
        });
        return lost;
    }

    /** Empty when the version became Active; else what it is instead. */
    private static List<String> unsettled(LambdaClient client, String function, String version) {
        if (!Functions.exists(client, function + ":" + version)) {
            return List.of(function + ":" + version + " was published and is missing");
        }
        try {
            SnapStartVersions.fastWaiter(client).waitUntilPublishedVersionActive(r -> r.functionName(function)
                    .qualifier(version));
            return List.of();
        } catch (RuntimeException e) {
            GetFunctionConfigurationResponse config = SnapStartVersions.configuration(client, function, version);
            return List.of(function + ":" + version + " is " + config.state() + ": " + config.stateReason());
        }
    }
}
