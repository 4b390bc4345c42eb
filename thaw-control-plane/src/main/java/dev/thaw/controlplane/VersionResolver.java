package dev.thaw.controlplane;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Turns a function reference and qualifier ($LATEST, a version number or an alias) into a stored configuration. */
final class VersionResolver {

    private static final Pattern VERSION_NUMBER = Pattern.compile("[0-9]+");

    private final MetadataStore store;
    private final Arns arns;

    VersionResolver(MetadataStore store, Arns arns) {
        this.store = store;
        this.arns = arns;
    }

    static boolean isVersionNumber(String qualifier) {
        return VERSION_NUMBER.matcher(qualifier).matches();
    }

    FunctionRecord function(String name) {
        return store.function(name).orElseThrow(() -> arns.functionNotFound(name, null));
    }

    FunctionConfig latest(String name) {
        return store.version(name, FunctionConfig.LATEST).orElseThrow(() -> arns.functionNotFound(name, null));
    }

    /** The configuration a qualifier names; an alias names its primary version. */
    FunctionConfig config(FunctionRef ref) {
        return version(ref, alias -> alias.functionVersion());
    }

    /** The version an invocation runs: an alias with additional version weights picks one at random by weight. */
    FunctionConfig forInvocation(FunctionRef ref) {
        return version(ref, VersionResolver::pickWeighted);
    }

    AliasConfig alias(String functionName, String aliasName) {
        return store.alias(functionName, aliasName).orElseThrow(() -> arns.aliasNotFound(functionName, aliasName));
    }

    private FunctionConfig version(FunctionRef ref, Function<AliasConfig, String> routing) {
        String qualifier = ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier();
        String version = qualifier;
        if (!FunctionConfig.LATEST.equals(qualifier) && !isVersionNumber(qualifier)) {
            version = store.alias(ref.name(), qualifier).map(routing)
                    .orElseThrow(() -> arns.functionNotFound(ref.name(), ref.qualifier()));
        }
        return store.version(ref.name(), version)
                .orElseThrow(() -> arns.functionNotFound(ref.name(), ref.qualifier()));
    }

    private static String pickWeighted(AliasConfig alias) {
        return pickWeighted(alias, ThreadLocalRandom.current().nextDouble());
    }

    /** The version a uniform draw in [0, 1) selects: the additional versions take their weights first. */
    static String pickWeighted(AliasConfig alias, double draw) {
        for (Map.Entry<String, Double> weighted : alias.additionalVersionWeights().entrySet()) {
            draw -= weighted.getValue();
            if (draw < 0) {
                return weighted.getKey();
            }
        }
        return alias.functionVersion();
    }
}
