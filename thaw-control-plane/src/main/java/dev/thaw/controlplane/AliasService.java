package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/** CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. */
public final class AliasService {

    private static final Logger LOG = LoggerFactory.getLogger(AliasService.class);
    private static final Pattern ALIAS_NAME = Pattern.compile("(?!^[0-9]+$)([a-zA-Z0-9_-]+)");
    private static final Pattern VERSION = Pattern.compile("(\\$LATEST|[0-9]+)");
    private static final int MAX_ALIAS_NAME = 128;

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final Arns arns;
    private final MutationLock lock;

    AliasService(MetadataStore store, VersionResolver resolver, Arns arns, MutationLock lock) {
        this.store = store;
        this.resolver = resolver;
        this.arns = arns;
        this.lock = lock;
    }

    public AliasConfig create(FunctionRef ref, Requests.CreateAlias request) {
        String function = ref.unqualified().name();
        String name = aliasName(request.name());
        return lock.run(() -> {
            resolver.function(function);
            if (store.alias(function, name).isPresent()) {
                throw LambdaException.conflict("Alias already exists: " + arns.qualified(function, name));
            }
            AliasConfig alias = new AliasConfig(function, name, existingVersion(function, request.functionVersion()),
                    ConfigValidator.description(Objects.requireNonNullElse(request.description(), "")),
                    Map.of());
            alias = withRouting(alias, request.routingConfig());
            store.putAlias(alias);
            LOG.info("created alias {} of function {} -> version {}", name, function, alias.functionVersion());
            return alias;
        });
    }

    public AliasConfig get(FunctionRef ref, String name) {
        String function = ref.unqualified().name();
        resolver.function(function);
        return resolver.alias(function, name);
    }

    public AliasConfig update(FunctionRef ref, String name, Requests.UpdateAlias request) {
        String function = ref.unqualified().name();
        return lock.run(() -> {
            resolver.function(function);
            AliasConfig current = resolver.alias(function, name);
            Revisions.check(current.revisionId(), request.revisionId());
            AliasConfig updated = new AliasConfig(function, name,
                    request.functionVersion() == null ? current.functionVersion()
                            : existingVersion(function, request.functionVersion()),
                    request.description() == null ? current.description()
                            : ConfigValidator.description(request.description()),
                    current.additionalVersionWeights());
            updated = request.routingConfig() == null
                    ? withRouting(updated, new Requests.RoutingConfig(updated.additionalVersionWeights()))
                    : withRouting(updated, request.routingConfig());
            store.putAlias(updated);
            LOG.info("updated alias {} of function {} -> version {}", name, function, updated.functionVersion());
            return updated;
        });
    }

    public void delete(FunctionRef ref, String name) {
        String function = ref.unqualified().name();
        lock.run(() -> {
            store.deleteAlias(function, name);
            LOG.info("deleted alias {} of function {}", name, function);
            return null;
        });
    }

    public Page<AliasConfig> list(FunctionRef ref, String functionVersion, String marker, Integer maxItems) {
        String function = ref.unqualified().name();
        resolver.function(function);
        var aliases = store.aliases(function).stream()
                .filter(alias -> functionVersion == null || alias.references(functionVersion)).toList();
        return Page.of(aliases, AliasConfig::name, marker, maxItems);
    }

    private String aliasName(String name) {
        if (name == null) {
            throw LambdaException.constraint("name", null, "Member must not be null");
        }
        if (name.length() > MAX_ALIAS_NAME || !ALIAS_NAME.matcher(name).matches()) {
            throw LambdaException.constraint("name", name, "Member must satisfy regular expression pattern: "
                    + ALIAS_NAME.pattern());
        }
        return name;
    }

    private String existingVersion(String function, String version) {
        if (version == null) {
            throw LambdaException.constraint("functionVersion", null, "Member must not be null");
        }
        if (!VERSION.matcher(version).matches()) {
            throw LambdaException.constraint("functionVersion", version, "Member must satisfy regular expression "
                    + "pattern: " + VERSION.pattern());
        }
        store.version(function, version).orElseThrow(() -> arns.functionNotFound(function, version));
        return version;
    }

    /** Validates traffic shifting: one other published version, a weight in [0, 1], never with $LATEST. */
    private AliasConfig withRouting(AliasConfig alias, Requests.RoutingConfig routing) {
        Map<String, Double> weights = routing == null || routing.additionalVersionWeights() == null
                ? Map.of() : routing.additionalVersionWeights();
        if (weights.size() > 1) {
            throw LambdaException.invalidParameter("Number of items in AdditionalVersionWeights must be at most 1.");
        }
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            if (FunctionConfig.LATEST.equals(alias.functionVersion()) || FunctionConfig.LATEST.equals(weight.getKey())) {
                throw LambdaException.invalidParameter("$LATEST is not supported for an alias pointing to more than "
                        + "1 version");
            }
            if (weight.getKey().equals(alias.functionVersion())) {
                throw LambdaException.invalidParameter("Version " + LambdaException.echo(weight.getKey())
                        + " is the alias's primary version and cannot also be an additional version.");
            }
            if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > 1) {
                throw LambdaException.constraint("routingConfig.additionalVersionWeights", weight.getValue(),
                        "Member must have value between 0.0 and 1.0");
            }
            existingVersion(alias.functionName(), weight.getKey());
        }
        return new AliasConfig(alias.functionName(), alias.name(), alias.functionVersion(), alias.description(),
                weights, alias.revisionId());
    }
}
