package dev.thaw.controlplane;

import java.util.List;
import java.util.Map;

/**
 * The request bodies of the Lambda operations, member for member as the service model names them (a JSON mapper with
 * upper camel case naming reads them directly). Every member is optional here; the operations validate.
 */
public final class Requests {

    private Requests() {
    }

    public record FunctionCode(byte[] zipFile, String s3Bucket, String s3Key, String s3ObjectVersion,
                               String imageUri) {
    }

    public record Environment(Map<String, String> variables) {
    }

    public record SnapStart(String applyOn) {
    }

    public record EphemeralStorage(Integer size) {
    }

    public record FileSystemConfig(String arn, String localMountPath) {
    }

    public record RoutingConfig(Map<String, Double> additionalVersionWeights) {
    }

    public record CreateFunction(String functionName, String runtime, String role, String handler, FunctionCode code,
                                 String description, Integer timeout, Integer memorySize, Boolean publish,
                                 String packageType, Environment environment, Map<String, String> tags,
                                 SnapStart snapStart, List<String> architectures, EphemeralStorage ephemeralStorage,
                                 List<FileSystemConfig> fileSystemConfigs, List<String> layers) {
    }

    public record UpdateFunctionCode(byte[] zipFile, String s3Bucket, String s3Key, String imageUri, Boolean publish,
                                     Boolean dryRun, String revisionId, List<String> architectures) {
    }

    public record UpdateFunctionConfiguration(String role, String handler, String description, Integer timeout,
                                              Integer memorySize, Environment environment, String runtime,
                                              String revisionId, SnapStart snapStart,
                                              EphemeralStorage ephemeralStorage,
                                              List<FileSystemConfig> fileSystemConfigs, List<String> layers) {
    }

    public record PublishVersion(String codeSha256, String description, String revisionId) {
    }

    public record CreateAlias(String name, String functionVersion, String description, RoutingConfig routingConfig) {
    }

    public record UpdateAlias(String functionVersion, String description, RoutingConfig routingConfig,
                              String revisionId) {
    }

    public record PutFunctionConcurrency(Integer reservedConcurrentExecutions) {
    }

    public record PutProvisionedConcurrencyConfig(Integer provisionedConcurrentExecutions) {
    }

    public record TagResource(Map<String, String> tags) {
    }

    public record Destination(String destination) {
    }

    public record DestinationConfig(Destination onSuccess, Destination onFailure) {
    }

    /** PutFunctionEventInvokeConfig and UpdateFunctionEventInvokeConfig. */
    public record FunctionEventInvokeConfig(Integer maximumRetryAttempts, Integer maximumEventAgeInSeconds,
                                            DestinationConfig destinationConfig) {
    }

    public record Cors(Boolean allowCredentials, List<String> allowHeaders, List<String> allowMethods,
                       List<String> allowOrigins, List<String> exposeHeaders, Integer maxAge) {
    }

    /** The body of CreateFunctionUrlConfig and UpdateFunctionUrlConfig. */
    public record FunctionUrlConfig(String authType, Cors cors, String invokeMode) {
    }

    /** PublishLayerVersion; its Content has the members of a function's Code that layers take. */
    public record PublishLayerVersion(String description, FunctionCode content, List<String> compatibleRuntimes,
                                      String licenseInfo, List<String> compatibleArchitectures) {
    }

    public record AddLayerVersionPermission(String statementId, String action, String principal,
                                            String organizationId) {
    }

    public record AddPermission(String statementId, String action, String principal, String sourceArn,
                                String sourceAccount, String eventSourceToken, String revisionId,
                                String principalOrgID, String functionUrlAuthType) {
    }
}
