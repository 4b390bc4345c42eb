package dev.thaw.controlplane;

import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** Put/Get/DeleteFunctionConcurrency and GetAccountSettings; hands reserved concurrency to the worker. */
public final class ConcurrencyService {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyService.class);

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final Worker worker;
    private final int concurrencyLimit;
    private final MutationLock lock;

    ConcurrencyService(MetadataStore store, VersionResolver resolver, Worker worker, int concurrencyLimit,
                       MutationLock lock) {
        this.store = store;
        this.resolver = resolver;
        this.worker = worker;
        this.concurrencyLimit = concurrencyLimit;
        this.lock = lock;
    }

    /** Gives the worker every stored reservation, after a restart. */
    void restore() {
        store.functions().stream().filter(function -> function.reservedConcurrency() != null)
                .forEach(function -> worker.setReservedConcurrency(function.name(), function.reservedConcurrency()));
    }

    public int put(FunctionRef ref, Integer reserved) {
        String name = ref.unqualified().name();
        if (reserved == null) {
            throw LambdaException.constraint("reservedConcurrentExecutions", null, "Member must not be null");
        }
        if (reserved < 0) {
            throw LambdaException.constraint("reservedConcurrentExecutions", reserved, "Member must have value "
                    + "greater than or equal to 0");
        }
        return lock.run(() -> {
            FunctionRecord function = resolver.function(name);
            int reservedByOthers = reservedTotal() - Objects.requireNonNullElse(function.reservedConcurrency(), 0);
            if (reservedByOthers + reserved > concurrencyLimit) {
                throw LambdaException.invalidParameter("Specified ReservedConcurrentExecutions for function decreases "
                        + "account's UnreservedConcurrentExecution below its minimum value of [0].");
            }
            save(function, reserved);
            return reserved;
        });
    }

    public Integer get(FunctionRef ref) {
        return resolver.function(ref.unqualified().name()).reservedConcurrency();
    }

    public void delete(FunctionRef ref) {
        String name = ref.unqualified().name();
        lock.run(() -> {
            save(resolver.function(name), null);
            return null;
        });
    }

    public AccountSettings accountSettings() {
        long codeSize = store.allVersions(true).stream().mapToLong(FunctionConfig::codeSize).sum();
        return new AccountSettings(concurrencyLimit, concurrencyLimit - reservedTotal(), codeSize,
                store.functions().size());
    }

    private void save(FunctionRecord function, Integer reserved) {
        store.updateFunction(new FunctionRecord(function.name(), function.lastVersion(), reserved, function.tags()));
        worker.setReservedConcurrency(function.name(), reserved);
        LOG.info("{} reserved concurrency of function {}{}", reserved == null ? "deleted" : "set", function.name(),
                reserved == null ? "" : " to " + reserved);
    }

    private int reservedTotal() {
        return store.functions().stream().map(FunctionRecord::reservedConcurrency).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
    }
}
