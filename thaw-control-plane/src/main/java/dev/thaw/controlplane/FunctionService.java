package dev.thaw.controlplane;

import dev.thaw.controlplane.layers.LayerService;
import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** CreateFunction, GetFunction(Configuration), UpdateFunctionCode/Configuration, ListFunctions, DeleteFunction. */
public final class FunctionService {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionService.class);

    private final MetadataStore store;
    private final PackageStore packages;
    private final RuntimeCatalog runtimes;
    private final VersionResolver resolver;
    private final VersionService versions;
    private final Worker worker;
    private final SnapshotStorage snapshots;
    private final MutationLock lock;
    private final LayerService layers;
    /** Functions deleted from the metadata whose environments and snapshots are still being removed. */
    private final Set<String> purging = ConcurrentHashMap.newKeySet();

    FunctionService(MetadataStore store, PackageStore packages, RuntimeCatalog runtimes, VersionResolver resolver,
                    VersionService versions, Worker worker, SnapshotStorage snapshots, MutationLock lock,
                    LayerService layers) {
        this.store = store;
        this.packages = packages;
        this.runtimes = runtimes;
        this.resolver = resolver;
        this.versions = versions;
        this.worker = worker;
        this.snapshots = snapshots;
        this.lock = lock;
        this.layers = layers;
    }

    public FunctionConfig create(Requests.CreateFunction request) {
        String name = FunctionRef.parse(request.functionName()).unqualified().name();
        ConfigValidator.packageKind(request.packageType(), request.architectures());
        if (request.runtime() == null || request.handler() == null) {
            throw LambdaException.invalidParameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.");
        }
        runtimes.javaHome(request.runtime());
        if (request.code() == null) {
            throw LambdaException.constraint("code", null, "Member must not be null");
        }
        Requests.FunctionCode code = request.code();
        byte[] zip = ConfigValidator.zipFile(code.zipFile(), code.s3Bucket(), code.imageUri());
        FunctionConfig latest = FunctionConfig.builder(name, FunctionConfig.LATEST).runtime(request.runtime())
                .role(ConfigValidator.role(request.role())).handler(ConfigValidator.handler(request.handler()))
                .description(ConfigValidator.description(Objects.requireNonNullElse(request.description(), "")))
                .timeout(ConfigValidator.timeout(
                        Objects.requireNonNullElse(request.timeout(), ConfigValidator.DEFAULT_TIMEOUT)))
                .memorySize(ConfigValidator.memorySize(
                        Objects.requireNonNullElse(request.memorySize(), ConfigValidator.DEFAULT_MEMORY)))
                .environment(ConfigValidator.environment(variables(request.environment())))
                .snapStartApplyOn(snapStart(request.snapStart(), "None"))
                .ephemeralStorage(request.ephemeralStorage() == null ? FunctionConfig.DEFAULT_EPHEMERAL_STORAGE
                        : ConfigValidator.ephemeralStorage(request.ephemeralStorage()))
                .layers(layers.resolve(Objects.requireNonNullElse(request.layers(), List.of()))).build();
        SnapStartRules.checkFunction(latest.snapStartApplyOn(), latest.ephemeralStorage(),
                request.fileSystemConfigs());
        StoredPackage stored = packages.store(zip);
        LayerService.checkUnzippedSize(packages.unpackedSize(stored.codeSha256()), latest.layers());
        FunctionConfig created = latest.withCode(stored.codeSha256(), stored.codeSize()).revised();
        Map<String, String> tags = Objects.requireNonNullElse(request.tags(), Map.of());
        return lock.run(() -> {
            if (store.function(name).isPresent()) {
                throw LambdaException.conflict("Function already exist: " + name);
            }
            // Its old snapshots are still being deleted, by name: a new function must not lose its own to that.
            if (purging.contains(name)) {
                throw LambdaException.conflict("The operation cannot be performed at this time. The function "
                        + name + " is being deleted.");
            }
            store.createFunction(new FunctionRecord(name, 0, null, tags), created);
            LOG.info("created function {} ({}, handler {}, {} bytes)", name, created.runtime(), created.handler(),
                    created.codeSize());
            return Boolean.TRUE.equals(request.publish()) ? versions.publishLocked(name, null) : created;
        });
    }

    public FunctionDetails get(FunctionRef ref) {
        FunctionConfig config = resolver.config(ref);
        return new FunctionDetails(config, resolver.function(ref.name()));
    }

    public FunctionConfig configuration(FunctionRef ref) {
        return resolver.config(ref);
    }

    public FunctionConfig updateCode(FunctionRef ref, Requests.UpdateFunctionCode request) {
        String name = ref.unqualified().name();
        ConfigValidator.packageKind(null, request.architectures());
        byte[] zip = ConfigValidator.zipFile(request.zipFile(), request.s3Bucket(), request.imageUri());
        resolver.latest(name);
        StoredPackage stored = packages.store(zip);
        return lock.run(() -> {
            FunctionConfig latest = resolver.latest(name);
            Revisions.check(latest.revisionId(), request.revisionId());
            LayerService.checkUnzippedSize(packages.unpackedSize(stored.codeSha256()), latest.layers());
            FunctionConfig updated = latest.withCode(stored.codeSha256(), stored.codeSize()).revised();
            if (Boolean.TRUE.equals(request.dryRun())) {
                return updated;
            }
            saveLatest(updated, "code");
            return Boolean.TRUE.equals(request.publish()) ? versions.publishLocked(name, null) : updated;
        });
    }

    public FunctionConfig updateConfiguration(FunctionRef ref, Requests.UpdateFunctionConfiguration request) {
        String name = ref.unqualified().name();
        return lock.run(() -> {
            FunctionConfig latest = resolver.latest(name);
            Revisions.check(latest.revisionId(), request.revisionId());
            String runtime = Objects.requireNonNullElse(request.runtime(), latest.runtime());
            runtimes.javaHome(runtime);
            FunctionConfig.Builder changed = latest.toBuilder().runtime(runtime).state(VersionState.active())
                    .snapStartApplyOn(snapStart(request.snapStart(), latest.snapStartApplyOn()));
            if (request.role() != null) {
                changed.role(ConfigValidator.role(request.role()));
            }
            if (request.handler() != null) {
                changed.handler(ConfigValidator.handler(request.handler()));
            }
            if (request.description() != null) {
                changed.description(ConfigValidator.description(request.description()));
            }
            if (request.timeout() != null) {
                changed.timeout(ConfigValidator.timeout(request.timeout()));
            }
            if (request.memorySize() != null) {
                changed.memorySize(ConfigValidator.memorySize(request.memorySize()));
            }
            if (request.environment() != null) {
                changed.environment(ConfigValidator.environment(variables(request.environment())));
            }
            if (request.ephemeralStorage() != null) {
                changed.ephemeralStorage(ConfigValidator.ephemeralStorage(request.ephemeralStorage()));
            }
            if (request.layers() != null) {
                List<FunctionLayer> resolved = layers.resolve(request.layers());
                LayerService.checkUnzippedSize(packages.unpackedSize(latest.codeSha256()), resolved);
                changed.layers(resolved);
            }
            FunctionConfig updated = changed.build().revised();
            SnapStartRules.checkFunction(updated.snapStartApplyOn(), updated.ephemeralStorage(),
                    request.fileSystemConfigs());
            saveLatest(updated, "configuration");
            return updated;
        });
    }

    /** The name of every function. */
    public List<String> names() {
        return store.functions().stream().map(FunctionRecord::name).toList();
    }

    /** Every function's $LATEST, or with FunctionVersion=ALL every version of every function. */
    public Page<FunctionConfig> list(String functionVersion, String marker, Integer maxItems) {
        if (functionVersion != null && !"ALL".equals(functionVersion)) {
            throw LambdaException.constraint("functionVersion", functionVersion, "Member must satisfy enum value set: "
                    + "[ALL]");
        }
        return Page.of(store.allVersions(functionVersion != null),
                config -> config.functionName() + ":" + config.version(), marker, maxItems);
    }

    /** Deletes the whole function, or one published version of it when the reference is qualified. */
    public void delete(FunctionRef ref) {
        lock.run(() -> {
            resolver.function(ref.name());
            if (ref.qualifier() == null) {
                store.deleteFunction(ref.name());
                worker.setReservedConcurrency(ref.name(), null);
                purging.add(ref.name());
                lock.afterUnlock(() -> purge(ref.name()));
                LOG.info("deleted function {}", ref.name());
            } else {
                deleteVersion(ref);
            }
            return null;
        });
    }

    private void deleteVersion(FunctionRef ref) {
        String version = ref.qualifier();
        if (FunctionConfig.LATEST.equals(version)) {
            throw LambdaException.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
        }
        if (!VersionResolver.isVersionNumber(version)) {
            throw LambdaException.invalidParameter("Deletion of aliases is not supported by DeleteFunction; "
                    + "use DeleteAlias.");
        }
        resolver.config(ref);
        var referencing = store.aliases(ref.name()).stream().filter(alias -> alias.references(version))
                .map(AliasConfig::name).toList();
        if (!referencing.isEmpty()) {
            throw LambdaException.conflict("Unable to delete version because the following aliases reference it: "
                    + referencing);
        }
        var snapshot = store.snapshot(ref.name(), version);
        store.deleteVersion(ref.name(), version);
        lock.afterUnlock(() -> {
            worker.discard(ref.name(), version);
            snapshot.ifPresent(s -> snapshots.delete(ref.name(), s.snapshotId()));
        });
        LOG.info("deleted function {} version {}", ref.name(), version);
    }

    /** Stops a deleted function's environments and deletes its snapshots from every tier. */
    private void purge(String name) {
        try {
            worker.discard(name, null);
            snapshots.deleteFunction(name);
        } finally {
            purging.remove(name);
        }
    }

    // Environments of the old revision would never be reused; stopping them frees their memory now.
    private void saveLatest(FunctionConfig updated, String what) {
        store.putVersion(updated);
        lock.afterUnlock(() -> worker.discard(updated.functionName(), FunctionConfig.LATEST));
        LOG.info("updated function {} {} (revision {})", updated.functionName(), what, updated.revisionId());
    }

    private static Map<String, String> variables(Requests.Environment environment) {
        return environment == null || environment.variables() == null ? Map.of() : environment.variables();
    }

    private static String snapStart(Requests.SnapStart snapStart, String current) {
        return snapStart == null ? current
                : ConfigValidator.snapStartApplyOn(Objects.requireNonNullElse(snapStart.applyOn(), "None"));
    }
}
