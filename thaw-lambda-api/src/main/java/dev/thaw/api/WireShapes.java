package dev.thaw.api;

import dev.thaw.controlplane.AccountSettings;
import dev.thaw.controlplane.AliasConfig;
import dev.thaw.controlplane.Arns;
import dev.thaw.controlplane.EventInvokeConfig;
import dev.thaw.controlplane.FunctionConfig;
import dev.thaw.controlplane.FunctionUrlConfig;
import dev.thaw.controlplane.UrlCors;
import dev.thaw.controlplane.VersionState;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The response shapes of the service model, and how the control plane's records fill them. */
final class WireShapes {

    private WireShapes() {
    }

    record Environment(Map<String, String> variables) {
    }

    record TracingConfig(String mode) {
    }

    record EphemeralStorage(int size) {
    }

    record SnapStart(String applyOn, String optimizationStatus) {
    }

    record LoggingConfig(String logFormat, String logGroup) {
    }

    record FunctionConfiguration(String functionName, String functionArn, String runtime, String role, String handler,
                                 long codeSize, String description, int timeout, int memorySize, String lastModified,
                                 String codeSha256, String version, Environment environment,
                                 TracingConfig tracingConfig, String revisionId, String state, String stateReason,
                                 String stateReasonCode, String lastUpdateStatus, String lastUpdateStatusReason,
                                 String lastUpdateStatusReasonCode, String packageType, List<String> architectures,
                                 EphemeralStorage ephemeralStorage, SnapStart snapStart,
                                 LoggingConfig loggingConfig, List<Layer> layers) {
    }

    /** A layer version in a function's configuration. */
    record Layer(String arn, long codeSize) {
    }

    record FunctionCodeLocation(String repositoryType, String location) {
    }

    record Concurrency(Integer reservedConcurrentExecutions) {
    }

    record GetFunctionResponse(FunctionConfiguration configuration, FunctionCodeLocation code,
                               Map<String, String> tags, Concurrency concurrency) {
    }

    record ListFunctionsResponse(String nextMarker, List<FunctionConfiguration> functions) {
    }

    record ListVersionsByFunctionResponse(String nextMarker, List<FunctionConfiguration> versions) {
    }

    record RoutingConfig(Map<String, Double> additionalVersionWeights) {
    }

    record AliasConfiguration(String aliasArn, String name, String functionVersion, String description,
                              RoutingConfig routingConfig, String revisionId) {
    }

    record ListAliasesResponse(String nextMarker, List<AliasConfiguration> aliases) {
    }

    record ListTagsResponse(Map<String, String> tags) {
    }

    record AccountLimit(long totalCodeSize, long codeSizeUnzipped, long codeSizeZipped, int concurrentExecutions,
                        int unreservedConcurrentExecutions) {
    }

    record AccountUsage(long totalCodeSize, long functionCount) {
    }

    record GetAccountSettingsResponse(AccountLimit accountLimit, AccountUsage accountUsage) {
    }

    record Destination(String destination) {
    }

    record DestinationConfig(Destination onSuccess, Destination onFailure) {
    }

    /** LastModified in epoch seconds, the model's timestamp format for this JSON protocol. */
    record FunctionEventInvokeConfig(double lastModified, String functionArn, Integer maximumRetryAttempts,
                                     Integer maximumEventAgeInSeconds, DestinationConfig destinationConfig) {
    }

    record ListFunctionEventInvokeConfigsResponse(String nextMarker,
                                                  List<FunctionEventInvokeConfig> functionEventInvokeConfigs) {
    }

    record Cors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {
    }

    /** Times as ISO-8601 strings, as Lambda answers them for function URLs. */
    record FunctionUrlConfiguration(String functionUrl, String functionArn, String authType, Cors cors,
                                    String creationTime, String lastModifiedTime, String invokeMode) {
    }

    record ListFunctionUrlConfigsResponse(List<FunctionUrlConfiguration> functionUrlConfigs, String nextMarker) {
    }

    /**
     * A version's configuration with its state. SnapStart.OptimizationStatus is "On" only on the published versions
     * of a SnapStart function: $LATEST never restores from a snapshot.
     */
    static FunctionConfiguration configuration(FunctionConfig config, Arns arns) {
        return configuration(config, arns, Optional.empty());
    }

    /** The configuration of the version {@code alias} points to: FunctionArn is the alias's ARN, as in Lambda. */
    static FunctionConfiguration configuration(FunctionConfig config, Arns arns, Optional<String> alias) {
        String arn = alias.isPresent() ? arns.qualified(config.functionName(), alias.get())
                : config.isLatest() ? arns.function(config.functionName())
                : arns.qualified(config.functionName(), config.version());
        VersionState state = config.state();
        return new FunctionConfiguration(config.functionName(), arn, config.runtime(), config.role(), config.handler(),
                config.codeSize(), config.description(), config.timeout(), config.memorySize(), config.lastModified(),
                config.codeSha256(), config.version(),
                config.environment().isEmpty() ? null : new Environment(config.environment()),
                new TracingConfig("PassThrough"), config.revisionId(), state.state(), state.stateReason(),
                state.stateReasonCode(), state.lastUpdateStatus(), state.lastUpdateStatusReason(),
                state.lastUpdateStatusReasonCode(), "Zip", List.of("x86_64"),
                new EphemeralStorage(config.ephemeralStorage()),
                new SnapStart(config.snapStartApplyOn(), config.snapStartOn() ? "On" : "Off"),
                new LoggingConfig("Text", "/aws/lambda/" + config.functionName()),
                config.layers().isEmpty() ? null
                        : config.layers().stream().map(layer -> new Layer(layer.arn(), layer.codeSize())).toList());
    }

    static AliasConfiguration alias(AliasConfig alias, Arns arns) {
        return new AliasConfiguration(arns.qualified(alias.functionName(), alias.name()), alias.name(),
                alias.functionVersion(), alias.description(),
                alias.additionalVersionWeights().isEmpty() ? null
                        : new RoutingConfig(alias.additionalVersionWeights()),
                alias.revisionId());
    }

    /** As Lambda answers it: DestinationConfig always there, a destination that is not set an empty object. */
    static FunctionEventInvokeConfig eventInvokeConfig(EventInvokeConfig config, String arn) {
        return new FunctionEventInvokeConfig(config.lastModified().toEpochMilli() / 1000.0, arn,
                config.maximumRetryAttempts(),
                config.maximumEventAge() == null ? null : (int) config.maximumEventAge().toSeconds(),
                new DestinationConfig(new Destination(config.destinations().onSuccess()),
                        new Destination(config.destinations().onFailure())));
    }

    static GetAccountSettingsResponse accountSettings(AccountSettings settings) {
        return new GetAccountSettingsResponse(
                new AccountLimit(AccountSettings.TOTAL_CODE_SIZE, AccountSettings.CODE_SIZE_UNZIPPED,
                        AccountSettings.CODE_SIZE_ZIPPED, settings.concurrentExecutions(),
                        settings.unreservedConcurrentExecutions()),
                new AccountUsage(settings.totalCodeSize(), settings.functionCount()));
    }

    static FunctionUrlConfiguration functionUrl(FunctionUrlConfig config, String url, String arn) {
        return new FunctionUrlConfiguration(url, arn, config.authType().name(), config.cors().map(WireShapes::cors)
                .orElse(null), config.creationTime().toString(), config.lastModifiedTime().toString(),
                config.invokeMode().name());
    }

    /** Lists not set are left out, as Lambda answers them. */
    private static Cors cors(UrlCors cors) {
        return new Cors(cors.allowCredentials(), orNull(cors.allowHeaders()), orNull(cors.allowMethods()),
                orNull(cors.allowOrigins()), orNull(cors.exposeHeaders()), cors.maxAge());
    }

    private static List<String> orNull(List<String> values) {
        return values.isEmpty() ? null : values;
    }
}
