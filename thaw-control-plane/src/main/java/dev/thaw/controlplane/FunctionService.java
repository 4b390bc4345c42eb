package dev.thaw.controlplane;

import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    /** Functions deleted from the metadata whose environments and snapshots are still being removed. */
    private final Set<String> purging = ConcurrentHashMap.newKeySet();

    FunctionService(MetadataStore store, PackageStore packages, RuntimeCatalog runtimes, VersionResolver resolver,
                    VersionService versions, Worker worker, SnapshotStorage snapshots, MutationLock lock) {
        this.store = store;
        this.packages = packages;
        this.runtimes = runtimes;
        this.resolver = resolver;
        this.versions = versions;
        this.worker = worker;
        this.snapshots = snapshots;
        this.lock = lock;
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
        FunctionConfig latest = new FunctionConfig(name, FunctionConfig.LATEST, request.runtime(),
                ConfigValidator.role(request.role()), ConfigValidator.handler(request.handler()), 0, null,
                ConfigValidator.description(Objects.requireNonNullElse(request.description(), "")),
                ConfigValidator.timeout(Objects.requireNonNullElse(request.timeout(), ConfigValidator.DEFAULT_TIMEOUT)),
                ConfigValidator.memorySize(
                        Objects.requireNonNullElse(request.memorySize(), ConfigValidator.DEFAULT_MEMORY)),
                ConfigValidator.environment(variables(request.environment())), snapStart(request.snapStart(), "None"),
                request.ephemeralStorage() == null ? FunctionConfig.DEFAULT_EPHEMERAL_STORAGE
                        : ConfigValidator.ephemeralStorage(request.ephemeralStorage()), null, null, null);
        SnapStartRules.checkFunction(latest.snapStartApplyOn(), latest.ephemeralStorage(),
                request.fileSystemConfigs());
        StoredPackage stored = packages.store(zip);
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
            FunctionConfig updated = new FunctionConfig(name, FunctionConfig.LATEST, runtime,
                    request.role() == null ? latest.role() : ConfigValidator.role(request.role()),
                    request.handler() == null ? latest.handler() : ConfigValidator.handler(request.handler()),
                    latest.codeSize(), latest.codeSha256(),
                    request.description() == null ? latest.description()
                            : ConfigValidator.description(request.description()),
                    request.timeout() == null ? latest.timeout() : ConfigValidator.timeout(request.timeout()),
                    request.memorySize() == null ? latest.memorySize()
                            : ConfigValidator.memorySize(request.memorySize()),
                    request.environment() == null ? latest.environment()
                            : ConfigValidator.environment(variables(request.environment())),
                    snapStart(request.snapStart(), latest.snapStartApplyOn()),
                    request.ephemeralStorage() == null ? latest.ephemeralStorage()
                            : ConfigValidator.ephemeralStorage(request.ephemeralStorage()),
                    null, null, null).revised();
            SnapStartRules.checkFunction(updated.snapStartApplyOn(), updated.ephemeralStorage(),
                    request.fileSystemConfigs());
            saveLatest(updated, "configuration");
            return updated;
        });
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
