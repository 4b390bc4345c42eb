package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/** PublishVersion and ListVersionsByFunction. */
public final class VersionService {

    private static final Logger LOG = LoggerFactory.getLogger(VersionService.class);

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final SnapshotJobs snapshots;
    private final MutationLock lock;

    VersionService(MetadataStore store, VersionResolver resolver, SnapshotJobs snapshots, MutationLock lock) {
        this.store = store;
        this.resolver = resolver;
        this.snapshots = snapshots;
        this.lock = lock;
    }

    /**
     * Publishes $LATEST as a new version, or returns the newest version when $LATEST has not changed since it was
     * published, as Lambda does. A SnapStart version is answered Pending while its snapshot is created in the
     * background.
     */
    public FunctionConfig publish(FunctionRef ref, Requests.PublishVersion request) {
        String name = ref.unqualified().name();
        return lock.run(() -> {
            FunctionConfig latest = resolver.latest(name);
            if (request.codeSha256() != null && !request.codeSha256().equals(latest.codeSha256())) {
                throw LambdaException.invalidParameter("CodeSHA256 (" + LambdaException.echo(request.codeSha256())
                        + ") is different from current CodeSHA256 in $LATEST (" + latest.codeSha256() + "). Please "
                        + "try again with the CodeSHA256 in $LATEST.");
            }
            Revisions.check(latest.revisionId(), request.revisionId());
            return publishLocked(name, request.description());
        });
    }

    /** Publishes $LATEST; the caller holds the mutation lock. */
    FunctionConfig publishLocked(String name, String description) {
        FunctionConfig latest = resolver.latest(name);
        Optional<FunctionConfig> newest = newestVersion(name);
        if (newest.isPresent() && newest.get().sameDeploymentAs(latest)) {
            return newest.get();
        }
        FunctionRecord function = resolver.function(name);
        int number = function.lastVersion() + 1;
        FunctionConfig version = latest.publishedAs(Integer.toString(number),
                description == null ? latest.description() : ConfigValidator.description(description));
        store.publish(new FunctionRecord(name, number, function.reservedConcurrency(), function.tags()), version);
        LOG.info("published function {} version {}{}", name, number,
                version.snapStartOn() ? " (SnapStart: Pending until its snapshot is created)" : "");
        if (version.snapStartOn()) {
            snapshots.submit(VersionKey.of(version));
        }
        return version;
    }

    public Page<FunctionConfig> list(FunctionRef ref, String marker, Integer maxItems) {
        String name = ref.unqualified().name();
        resolver.function(name);
        return Page.of(store.versions(name), FunctionConfig::version, marker, maxItems);
    }

    private Optional<FunctionConfig> newestVersion(String name) {
        List<FunctionConfig> versions = store.versions(name);
        FunctionConfig last = versions.getLast();
        return last.isLatest() ? Optional.empty() : Optional.of(last);
    }
}
