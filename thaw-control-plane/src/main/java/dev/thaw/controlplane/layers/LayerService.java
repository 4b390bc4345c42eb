package dev.thaw.controlplane.layers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.thaw.controlplane.AccountSettings;
import dev.thaw.controlplane.Arns;
import dev.thaw.controlplane.ConfigValidator;
import dev.thaw.controlplane.FunctionConfig;
import dev.thaw.controlplane.FunctionLayer;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.MetadataStore;
import dev.thaw.controlplane.MutationLock;
import dev.thaw.controlplane.PackageStore;
import dev.thaw.controlplane.Page;
import dev.thaw.controlplane.PolicyText;
import dev.thaw.controlplane.Requests;
import dev.thaw.controlplane.Revisions;
import dev.thaw.controlplane.StoredPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PublishLayerVersion, GetLayerVersion(ByArn), ListLayers, ListLayerVersions, DeleteLayerVersion and the layer
 * version permissions; and the check of the layers a function configuration names.
 *
 * <p>A server is one account, so permissions are kept and answered as Lambda does but grant nothing more: every
 * function here may use every layer here.
 */
public final class LayerService {

    private static final Logger LOG = LoggerFactory.getLogger(LayerService.class);
    /** The most layers one function may use. */
    static final int MAX_LAYERS = 5;
    private static final int MAX_NAME = 140;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9-_]+");
    private static final String LAYER_ARN_FORM = "arn:[a-zA-Z0-9-]+:lambda:([a-zA-Z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+)";
    private static final Pattern LAYER_ARN = Pattern.compile(LAYER_ARN_FORM);
    private static final Pattern VERSION_ARN = Pattern.compile(LAYER_ARN_FORM + ":([0-9]+)");
    private static final int MAX_RUNTIMES = 15;
    private static final Set<String> ARCHITECTURES = Set.of("x86_64", "arm64");
    private static final int MAX_LICENSE = 512;
    private static final String ACTION = "lambda:GetLayerVersion";
    private static final Pattern STATEMENT_ID = Pattern.compile("([a-zA-Z0-9-_]+)");
    private static final int MAX_STATEMENT_ID = 100;
    private static final Pattern PRINCIPAL = Pattern.compile("\\d{12}|\\*|arn:(aws[a-zA-Z-]*):iam::\\d{12}:root");
    private static final Pattern ORGANIZATION = Pattern.compile("o-[a-z0-9]{10,32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MetadataStore store;
    private final PackageStore packages;
    private final Arns arns;
    private final MutationLock lock;

    public LayerService(MetadataStore store, PackageStore packages, Arns arns, MutationLock lock) {
        this.store = store;
        this.packages = packages;
        this.arns = arns;
        this.lock = lock;
    }

    public LayerVersion publish(String layerName, Requests.PublishLayerVersion request) {
        String name = name(layerName);
        if (request.content() == null) {
            throw LambdaException.constraint("content", null, "Member must not be null");
        }
        Requests.FunctionCode content = request.content();
        byte[] zip = ConfigValidator.zipFile(content.zipFile(), content.s3Bucket(), content.imageUri());
        String description = ConfigValidator.description(Objects.requireNonNullElse(request.description(), ""));
        List<String> runtimes = Objects.requireNonNullElse(request.compatibleRuntimes(), List.of());
        if (runtimes.size() > MAX_RUNTIMES) {
            throw LambdaException.constraint("compatibleRuntimes", runtimes,
                    "Member must have length less than or equal to " + MAX_RUNTIMES);
        }
        List<String> architectures = Objects.requireNonNullElse(request.compatibleArchitectures(), List.of());
        if (architectures.size() > ARCHITECTURES.size() || !ARCHITECTURES.containsAll(architectures)) {
            throw LambdaException.constraint("compatibleArchitectures", architectures, "Member must satisfy "
                    + "constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
        }
        if (request.licenseInfo() != null && request.licenseInfo().length() > MAX_LICENSE) {
            throw LambdaException.constraint("licenseInfo", request.licenseInfo(),
                    "Member must have length less than or equal to " + MAX_LICENSE);
        }
        StoredPackage stored = packages.store(zip);
        LayerContent layerContent = new LayerContent(stored.codeSha256(), stored.codeSize(),
                packages.unpackedSize(stored.codeSha256()));
        return lock.run(() -> {
            LayerVersion published = new LayerVersion(name, store.lastLayerVersion(name) + 1, description,
                    layerContent, runtimes, architectures, request.licenseInfo(), FunctionConfig.now(),
                    LayerPolicy.empty());
            store.publishLayerVersion(published);
            LOG.info("published layer {} version {} ({} bytes)", name, published.version(), stored.codeSize());
            return published;
        });
    }

    public LayerVersion get(String layerName, String versionNumber) {
        return get(name(layerName), version(versionNumber));
    }

    public LayerVersion getByArn(String arn) {
        Matcher matcher = arn == null ? null : VERSION_ARN.matcher(arn);
        if (matcher == null || !matcher.matches() || arn.length() > MAX_NAME) {
            throw LambdaException.constraint("arn", arn, "Member must satisfy regular expression pattern: "
                    + VERSION_ARN.pattern());
        }
        if (!ours(matcher)) {
            throw notFound();
        }
        return get(matcher.group(3), version(matcher.group(4)));
    }

    /** Every layer with a version that the filters (null = any) let through, with the newest such version. */
    public Page<LayerVersion> list(String runtime, String architecture, String marker, Integer maxItems) {
        Set<String> seen = new HashSet<>();
        List<LayerVersion> latest = store.layerVersions().stream()
                .filter(version -> version.matches(runtime, architecture))
                .filter(version -> seen.add(version.layerName())).toList();
        return Page.of(latest, LayerVersion::layerName, marker, maxItems);
    }

    /** A layer's versions that the filters (null = any) let through, newest first. */
    public Page<LayerVersion> listVersions(String layerName, String runtime, String architecture, String marker,
                                           Integer maxItems) {
        String name = name(layerName);
        List<LayerVersion> versions = store.layerVersions().stream()
                .filter(version -> version.layerName().equals(name) && version.matches(runtime, architecture))
                .toList();
        return Page.of(versions, version -> Long.toString(version.version()), marker, maxItems);
    }

    /** Deletes a layer version (a version that is not there is no error); functions using it keep their copy. */
    public void delete(String layerName, String versionNumber) {
        String name = name(layerName);
        long version = version(versionNumber);
        lock.run(() -> {
            if (store.layerVersion(name, version).isPresent()) {
                store.deleteLayerVersion(name, version);
                LOG.info("deleted layer {} version {}", name, version);
            }
            return null;
        });
    }

    /** @return the statement added, and the policy's new revision */
    public PolicyText addPermission(String layerName, String versionNumber, Requests.AddLayerVersionPermission request,
                                    String revisionId) {
        LayerStatement statement = statement(request);
        String name = name(layerName);
        long version = version(versionNumber);
        return lock.run(() -> {
            LayerVersion current = get(name, version);
            Revisions.check(current.policy().revisionId(), revisionId);
            if (current.policy().statement(statement.statementId()).isPresent()) {
                throw LambdaException.conflict("The statement id (" + statement.statementId() + ") provided already "
                        + "exists. Please provide a new statement id, or remove the existing statement.");
            }
            LayerPolicy policy = current.policy().with(statement);
            store.putLayerVersion(current.withPolicy(policy));
            return new PolicyText(json(statementDocument(current, statement)), policy.revisionId());
        });
    }

    public PolicyText policy(String layerName, String versionNumber) {
        LayerVersion layerVersion = get(layerName, versionNumber);
        if (layerVersion.policy().statements().isEmpty()) {
            throw LambdaException.notFound("No policy is associated with the given resource.");
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Id", "default");
        document.put("Statement", layerVersion.policy().statements().stream()
                .map(statement -> statementDocument(layerVersion, statement)).toList());
        return new PolicyText(json(document), layerVersion.policy().revisionId());
    }

    public void removePermission(String layerName, String versionNumber, String statementId, String revisionId) {
        String name = name(layerName);
        long version = version(versionNumber);
        lock.run(() -> {
            LayerVersion current = get(name, version);
            Revisions.check(current.policy().revisionId(), revisionId);
            if (current.policy().statement(statementId).isEmpty()) {
                throw LambdaException.notFound("Statement " + LambdaException.echo(statementId)
                        + " is not found in resource policy.");
            }
            store.putLayerVersion(current.withPolicy(current.policy().without(statementId)));
            return null;
        });
    }

    public String layerArn(LayerVersion layerVersion) {
        return arns.layer(layerVersion.layerName());
    }

    public String versionArn(LayerVersion layerVersion) {
        return arns.layerVersion(layerVersion.layerName(), layerVersion.version());
    }

    /**
     * The layer versions a function configuration's {@code Layers} name, checked as Lambda checks them.
     *
     * @throws LambdaException InvalidParameterValueException for too many layers, two versions of one layer or
     *                         a layer version that does not exist; ValidationException for what is not a layer
     *                         version ARN
     */
    public List<FunctionLayer> resolve(List<String> layerVersionArns) {
        if (layerVersionArns.size() > MAX_LAYERS) {
            throw LambdaException.invalidParameter("Cannot reference more than " + MAX_LAYERS + " layers.");
        }
        Set<String> names = new HashSet<>();
        return layerVersionArns.stream().map(arn -> {
            Matcher matcher = arn == null ? null : VERSION_ARN.matcher(arn);
            if (matcher == null || !matcher.matches() || arn.length() > MAX_NAME) {
                throw LambdaException.constraint("layers", layerVersionArns, "Member must satisfy constraint: "
                        + "[Member must satisfy regular expression pattern: " + VERSION_ARN.pattern() + "]");
            }
            if (!names.add(matcher.group(3))) {
                throw LambdaException.invalidParameter("Two different versions of the same layer are not allowed.");
            }
            Optional<LayerVersion> found = ours(matcher)
                    ? store.layerVersion(matcher.group(3), Long.parseLong(matcher.group(4))) : Optional.empty();
            LayerVersion layerVersion = found.orElseThrow(() -> LambdaException.invalidParameter("Layer version "
                    + LambdaException.echo(arn) + " does not exist."));
            LayerContent content = layerVersion.content();
            return new FunctionLayer(versionArn(layerVersion), content.codeSha256(), content.codeSize(),
                    content.unpackedSize());
        }).toList();
    }

    /** Lambda's limit on a function's files: its package and its layers, unzipped, together. */
    public static void checkUnzippedSize(long codeBytes, List<FunctionLayer> layers) {
        long total = codeBytes + layers.stream().mapToLong(FunctionLayer::unpackedSize).sum();
        if (total > AccountSettings.CODE_SIZE_UNZIPPED) {
            throw LambdaException.invalidParameter("Function code combined with layers exceeds the maximum allowed "
                    + "size of " + AccountSettings.CODE_SIZE_UNZIPPED + " bytes. The actual size is " + total
                    + " bytes.");
        }
    }

    private LayerVersion get(String name, long version) {
        return store.layerVersion(name, version).orElseThrow(LayerService::notFound);
    }

    private boolean ours(Matcher arn) {
        return arn.group(1).equals(arns.region()) && arn.group(2).equals(arns.accountId());
    }

    /** A layer's name from a LayerName member, which may be the layer's ARN. */
    private String name(String layerName) {
        if (layerName == null || layerName.isEmpty() || layerName.length() > MAX_NAME) {
            throw LambdaException.constraint("layerName", layerName, "Member must have length between 1 and "
                    + MAX_NAME);
        }
        if (NAME.matcher(layerName).matches()) {
            return layerName;
        }
        Matcher arn = LAYER_ARN.matcher(layerName);
        if (!arn.matches()) {
            throw LambdaException.constraint("layerName", layerName, "Member must satisfy regular expression "
                    + "pattern: (" + LAYER_ARN_FORM + ")|" + NAME.pattern());
        }
        if (!ours(arn)) {
            throw notFound();
        }
        return arn.group(3);
    }

    private static long version(String versionNumber) {
        try {
            return Long.parseLong(versionNumber);
        } catch (NumberFormatException e) {
            throw LambdaException.constraint("versionNumber", versionNumber, "Member must be a number");
        }
    }

    private static LayerStatement statement(Requests.AddLayerVersionPermission request) {
        String id = request.statementId();
        if (id == null || id.length() > MAX_STATEMENT_ID || !STATEMENT_ID.matcher(id).matches()) {
            throw LambdaException.constraint("statementId", id, "Member must satisfy regular expression pattern: "
                    + STATEMENT_ID.pattern());
        }
        if (!ACTION.equals(request.action())) {
            throw LambdaException.constraint("action", request.action(), "Member must satisfy regular expression "
                    + "pattern: " + ACTION);
        }
        if (request.principal() == null || !PRINCIPAL.matcher(request.principal()).matches()) {
            throw LambdaException.constraint("principal", request.principal(), "Member must satisfy regular "
                    + "expression pattern: " + PRINCIPAL.pattern());
        }
        if (request.organizationId() != null && !ORGANIZATION.matcher(request.organizationId()).matches()) {
            throw LambdaException.constraint("organizationId", request.organizationId(), "Member must satisfy "
                    + "regular expression pattern: " + ORGANIZATION.pattern());
        }
        if (request.organizationId() != null && !"*".equals(request.principal())) {
            throw LambdaException.invalidParameter("OrganizationId is only allowed with the principal *.");
        }
        return new LayerStatement(id, request.action(), request.principal(), request.organizationId());
    }

    private Map<String, Object> statementDocument(LayerVersion layerVersion, LayerStatement statement) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Sid", statement.statementId());
        document.put("Effect", "Allow");
        document.put("Principal", PolicyText.principal(statement.principal()));
        document.put("Action", statement.action());
        document.put("Resource", versionArn(layerVersion));
        if (statement.organizationId() != null) {
            document.put("Condition", Map.of("StringEquals", Map.of("aws:PrincipalOrgID",
                    statement.organizationId())));
        }
        return document;
    }

    private static String json(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LambdaException notFound() {
        return LambdaException.notFound("The resource you requested does not exist.");
    }
}
