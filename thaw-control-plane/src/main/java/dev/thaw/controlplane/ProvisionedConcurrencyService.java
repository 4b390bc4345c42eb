package dev.thaw.controlplane;

import java.util.ArrayList;
import java.util.List;

/**
 * PutProvisionedConcurrencyConfig. This server keeps no environments initialised ahead of invocations, so the
 * operation is refused; on a SnapStart version or an alias of one it is refused as Lambda refuses it.
 */
public final class ProvisionedConcurrencyService {

    private final VersionResolver resolver;
    private final MetadataStore store;
    private final Arns arns;

    ProvisionedConcurrencyService(VersionResolver resolver, MetadataStore store, Arns arns) {
        this.resolver = resolver;
        this.store = store;
        this.arns = arns;
    }

    /** Why PutProvisionedConcurrencyConfig is refused for this request (invalid requests fail right here). */
    public LambdaException refusal(FunctionRef ref, Integer provisionedConcurrentExecutions) {
        if (ref.qualifier() == null) {
            throw LambdaException.constraint("qualifier", null, "Member must not be null");
        }
        if (provisionedConcurrentExecutions == null) {
            throw LambdaException.constraint("provisionedConcurrentExecutions", null, "Member must not be null");
        }
        if (provisionedConcurrentExecutions < 1) {
            throw LambdaException.constraint("provisionedConcurrentExecutions", provisionedConcurrentExecutions,
                    "Member must have value greater than or equal to 1");
        }
        resolver.function(ref.name());
        if (FunctionConfig.LATEST.equals(ref.qualifier())) {
            return LambdaException.invalidParameter("Provisioned Concurrency Configs cannot be applied to unpublished "
                    + "function versions.");
        }
        return SnapStartRules.provisionedConcurrencyConflict(targets(ref)).orElseGet(() -> LambdaException
                .invalidParameter("Provisioned concurrency is not available on this server yet: invocations start "
                        + "environments on demand (or restore SnapStart snapshots)."));
    }

    /** The versions a qualifier puts the configuration on: the version itself, or every version of the alias. */
    private List<FunctionConfig> targets(FunctionRef ref) {
        if (VersionResolver.isVersionNumber(ref.qualifier())) {
            return List.of(resolver.config(ref));
        }
        AliasConfig alias = resolver.alias(ref.name(), ref.qualifier());
        List<String> versions = new ArrayList<>(alias.additionalVersionWeights().keySet());
        versions.add(alias.functionVersion());
        return versions.stream().map(version -> store.version(ref.name(), version)
                .orElseThrow(() -> arns.functionNotFound(ref.name(), version))).toList();
    }
}
