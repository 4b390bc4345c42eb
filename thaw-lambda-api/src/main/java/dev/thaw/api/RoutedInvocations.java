package dev.thaw.api;

import dev.thaw.controlplane.InvokeResponse;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.cluster.ClusterNode;
import dev.thaw.controlplane.cluster.Membership;
import dev.thaw.worker.ThrottleReason;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where an invocation runs among servers sharing a database: on the first server in its function's route order that
 * has room, the owner first (so its warm environments and prepared snapshots serve it wherever it arrives, and its
 * reserved concurrency is held in one place), else the next; the account's unreserved concurrency is split between
 * the servers, so it is throttled only when none has room. A function's reserved-concurrency throttle is answered as
 * it is. Invoke and function URLs both go through here.
 */
final class RoutedInvocations {

    /** What an answer passed on keeps of the owner's. */
    static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "X-Amz-Executed-Version",
            "X-Amz-Function-Error", "X-Amz-Log-Result", "x-amzn-ErrorType", "Retry-After");
    static final String FUNCTION_ERROR = "X-Amz-Function-Error";

    private final Membership cluster;
    private final ClusterForwarder forwarder;

    RoutedInvocations(Membership cluster, ClusterForwarder forwarder) {
        this.cluster = cluster;
        this.forwarder = forwarder;
    }

    /**
     * The answer of the first server with room, {@code here} when it is this one (which throws the
     * LambdaException a refused invocation gets).
     */
    ApiResponse invoke(ClusterForwarder.Passed passed, Supplier<ApiResponse> here) {
        List<ClusterNode> order = passed.passedOnAlready() ? List.of() : cluster.routeOrder(passed.function());
        if (order.isEmpty()) {
            return here.get();
        }
        LambdaException fullHere = null;
        ApiResponse fullThere = null;
        for (ClusterNode node : order) {
            if (cluster.isSelf(node)) {
                try {
                    return here.get();
                } catch (LambdaException e) {
                    if (e.throttleReason().filter(ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED::equals)
                            .isEmpty()) {
                        throw e;
                    }
                    fullHere = e;
                    continue;
                }
            }
            Optional<HttpResponse<byte[]>> answer;
            try {
                answer = forwarder.send(node, passed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while passing an invocation on", e);
            }
            if (answer.isEmpty()) {
                continue;
            }
            ApiResponse relayed = ClusterForwarder.relay(answer.get(), RESPONSE_HEADERS);
            if (!full(answer.get().statusCode(), answer.get().body())) {
                return relayed;
            }
            fullThere = relayed;
        }
        // This server is in every order: it either answered or was full itself.
        if (fullHere != null) {
            throw fullHere;
        }
        return fullThere;
    }

    /** Invoke's answer to an invocation that ran here. */
    static ApiResponse response(InvokeResponse result) {
        Map<String, String> headers = result.payload().length == 0 ? Map.of()
                : Map.of("Content-Type", "application/json");
        return new ApiResponse(result.statusCode(), headers, result.payload())
                .withHeader("X-Amz-Executed-Version", result.executedVersion())
                .withHeader(FUNCTION_ERROR, result.functionError())
                .withHeader("X-Amz-Log-Result", result.logResult());
    }

    /** Whether another server answered that its part of the account's concurrency is in use. */
    static boolean full(int status, byte[] body) {
        if (status != 429) {
            return false;
        }
        try {
            return ThrottleReason.CONCURRENT_INVOCATION_LIMIT_EXCEEDED.lambdaName()
                    .equals(Json.read(body, Throttle.class).reason());
        } catch (RuntimeException e) {
            return false;
        }
    }

    record Throttle(String reason) {
    }
}
