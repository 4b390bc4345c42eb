package dev.thaw.faults.load;

import dev.thaw.faults.Outcome;
import dev.thaw.it.ExamplePackages;
import dev.thaw.it.ThawServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/** One load client: its own SDK client and seeded choices, changing and invoking shared and its own functions. */
final class LoadClient implements Runnable {

    /** Functions of its own a client keeps at most, so that creates and deletes alternate. */
    private static final int MAX_OWN = 2;
    private static final List<SdkBytes> PACKAGES = List.of(ExamplePackages.jar(), ExamplePackages.zip());

    private final int id;
    private final LambdaClient client;
    private final Random random;
    private final LongSupplier clock;
    private final long deadline;
    private final List<SharedFunction> shared;
    private final SharedFunction limited;
    private final Tally tally;
    private final Answers answers;
    /** Every function this client created, and whether it still exists as far as it was told. */
    private final Map<String, Boolean> ownFunctions;
    private final List<String> own = new ArrayList<>();
    private final List<String> deleted = new ArrayList<>();
    private int created;

    LoadClient(int id, LambdaClient client, Random random, LongSupplier clock, Duration duration, LoadTarget target) {
        this.id = id;
        this.client = client;
        this.random = random;
        this.clock = clock;
        this.deadline = clock.getAsLong() + duration.toNanos();
        this.shared = target.shared();
        this.limited = target.limited();
        this.tally = target.tally();
        this.answers = target.answers();
        this.ownFunctions = target.ownFunctions();
    }

    @Override
    public void run() {
        while (clock.getAsLong() < deadline) {
            step(next());
        }
    }

    private void step(Operation operation) {
        try {
            perform(operation);
            tally.count(operation, Outcome.OK);
        } catch (RuntimeException e) {
            Outcome outcome = Outcome.of(e, operation == Operation.INVOKE_DELETED);
            if (outcome == Outcome.UNEXPECTED) {
                tally.unexpected(operation, e);
            } else {
                tally.count(operation, outcome);
            }
        }
    }

    private Operation next() {
        Operation picked = pick();
        return switch (picked) {
            case CREATE -> own.size() >= MAX_OWN ? Operation.DELETE : picked;
            case DELETE, INVOKE_OWN -> own.isEmpty() ? Operation.CREATE : picked;
            case INVOKE_DELETED -> deleted.isEmpty() ? Operation.INVOKE_LATEST : picked;
            default -> picked;
        };
    }

    private Operation pick() {
        int total = 0;
        for (Operation operation : Operation.values()) {
            total += operation.weight;
        }
        int roll = random.nextInt(total);
        for (Operation operation : Operation.values()) {
            roll -= operation.weight;
            if (roll < 0) {
                return operation;
            }
        }
        throw new AssertionError(roll);
    }

    private void perform(Operation operation) {
        SharedFunction function = shared.get(random.nextInt(shared.size()));
        switch (operation) {
            case INVOKE_LATEST -> invoke(operation, function.name, "$LATEST");
            case INVOKE_VERSION -> invoke(operation, function.name, function.anyVersion(random));
            case INVOKE_LIMITED -> invoke(operation, limited.name, "$LATEST");
            case INVOKE_OWN -> invoke(operation, any(own), "$LATEST");
            case INVOKE_DELETED -> invoke(operation, any(deleted), "$LATEST");
            case UPDATE_CONFIGURATION -> updateConfiguration(function);
            case UPDATE_CODE -> updateCode(function);
            case PUBLISH -> function.published(client.publishVersion(r -> r.functionName(function.name)).version());
            case CREATE -> create();
            case DELETE -> delete();
        }
    }

    private void invoke(Operation operation, String function, String qualifier) {
        String invocation = answers.send();
        try {
            InvokeResponse response = client.invoke(r -> r.functionName(function).qualifier(qualifier)
                    .logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(Answers.payload(invocation))));
            answers.answered(invocation, response.payload().asUtf8String());
            tally.started(Start.of(response.logResult()));
            if (response.functionError() != null) {
                throw new IllegalStateException("function error: " + response.payload().asUtf8String());
            }
        } catch (RuntimeException e) {
            answers.settle(invocation, Outcome.of(e, operation == Operation.INVOKE_DELETED));
            throw e;
        }
    }

    private void updateConfiguration(SharedFunction function) {
        String mark = "c" + id + "-" + random.nextInt(1_000_000);
        long sent = function.mark.sending();
        client.updateFunctionConfiguration(r -> r.functionName(function.name)
                .environment(e -> e.variables(Map.of(SharedFunction.MARK, mark))));
        function.mark.acknowledge(sent, mark);
    }

    private void updateCode(SharedFunction function) {
        SdkBytes code = PACKAGES.get(random.nextInt(PACKAGES.size()));
        long sent = function.codeSha.sending();
        String sha = client.updateFunctionCode(r -> r.functionName(function.name).zipFile(code)).codeSha256();
        function.codeSha.acknowledge(sent, sha);
    }

    private void create() {
        String name = "load-c" + id + "-" + created++;
        client.createFunction(r -> r.functionName(name).runtime(ThawServerExtension.RUNTIME)
                .role(ThawServerExtension.ROLE).handler("example.Hello::handleRequest").memorySize(256).timeout(15)
                .code(c -> c.zipFile(PACKAGES.get(0))));
        ownFunctions.put(name, true);
        own.add(name);
        client.waiter().waitUntilFunctionActiveV2(r -> r.functionName(name));
    }

    private void delete() {
        String name = own.remove(random.nextInt(own.size()));
        client.deleteFunction(r -> r.functionName(name));
        ownFunctions.put(name, false);
        deleted.add(name);
    }

    private String any(List<String> names) {
        return names.get(random.nextInt(names.size()));
    }
}
