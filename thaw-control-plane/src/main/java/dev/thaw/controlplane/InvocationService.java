package dev.thaw.controlplane;

import dev.thaw.worker.FunctionSpec;
import dev.thaw.worker.InvokeInput;
import dev.thaw.worker.InvokeResult;
import dev.thaw.worker.SnapStartRestoreException;
import dev.thaw.worker.ThrottledException;
import dev.thaw.worker.Worker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** Invoke: resolves the version, checks the request as Lambda does and runs it (now, in the background, or not). */
public final class InvocationService {

    private static final int LOG_TAIL_BYTES = 4096;

    private final VersionResolver resolver;
    private final FunctionSpecs specs;
    private final SnapStartGate snapStart;
    private final Worker worker;
    private final AsyncInvoker async;
    private final EventInvokeConfigService eventInvokeConfigs;
    private final Arns arns;

    InvocationService(VersionResolver resolver, FunctionSpecs specs, SnapStartGate snapStart, Worker worker,
                      AsyncInvoker async, EventInvokeConfigService eventInvokeConfigs, Arns arns) {
        this.resolver = resolver;
        this.specs = specs;
        this.snapStart = snapStart;
        this.worker = worker;
        this.async = async;
        this.eventInvokeConfigs = eventInvokeConfigs;
        this.arns = arns;
    }

    public InvokeResponse invoke(InvokeRequest request, String requestId) {
        String type = Objects.requireNonNullElse(request.invocationType(), "RequestResponse");
        String logType = Objects.requireNonNullElse(request.logType(), "None");
        checkEnum("invocationType", type, "Event", "RequestResponse", "DryRun");
        checkEnum("logType", logType, "None", "Tail");
        InvocationLimits.checkPayloadSize(request.payload().length, type.equals("Event"));
        InvocationLimits.checkPayloadJson(request.payload());
        String clientContext = InvocationLimits.decodeClientContext(request.clientContext());
        FunctionConfig config = resolver.forInvocation(request.function());
        FunctionSpec spec = specs.of(config, snapStart.admit(config));
        InvokeInput input = new InvokeInput(requestId,
                arns.qualified(request.function().name(), request.function().qualifier()), request.payload(),
                clientContext);
        return switch (type) {
            case "DryRun" -> new InvokeResponse(204, null, null, null, new byte[0]);
            case "Event" -> {
                // The settings of the qualifier invoked: an alias's own, not its version's.
                async.submit(spec, input, eventInvokeConfigs.limits(request.function()));
                yield new InvokeResponse(202, null, null, null, new byte[0]);
            }
            default -> invokeNow(spec, input, logType.equals("Tail"));
        };
    }

    private InvokeResponse invokeNow(FunctionSpec spec, InvokeInput input, boolean tail) {
        try {
            InvokeResult result = worker.invoke(spec, input);
            return new InvokeResponse(200, spec.version(), result.functionError(),
                    tail ? logTail(result.log()) : null, result.payload());
        } catch (ThrottledException e) {
            throw LambdaException.throttled(e.reason(), e.getMessage(), 1);
        } catch (SnapStartRestoreException e) {
            throw LambdaException.snapStartRestore(e.errorType(), e.getMessage());
        }
    }

    private static String logTail(String log) {
        byte[] bytes = log == null ? new byte[0] : log.getBytes(StandardCharsets.UTF_8);
        byte[] tail = Arrays.copyOfRange(bytes, Math.max(0, bytes.length - LOG_TAIL_BYTES), bytes.length);
        return Base64.getEncoder().encodeToString(tail);
    }

    private static void checkEnum(String member, String value, String... allowed) {
        if (!Arrays.asList(allowed).contains(value)) {
            throw LambdaException.constraint(member, value, "Member must satisfy enum value set: ["
                    + String.join(", ", allowed) + "]");
        }
    }
}
