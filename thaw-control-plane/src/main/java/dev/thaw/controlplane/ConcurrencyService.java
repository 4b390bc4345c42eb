package dev.thaw.controlplane;

import dev.thaw.worker.Worker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Put/Get/DeleteFunctionConcurrency and GetAccountSettings; hands reserved concurrency to the worker. */
public final class ConcurrencyService {

    private static final Logger LOG = LoggerFactory.getLogger(ConcurrencyService.class);

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final Worker worker;
    private final int concurrencyLimit;
    private final MutationLock lock;
    /** The functions this server's worker holds a reservation for. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    ConcurrencyService(MetadataStore store, VersionResolver resolver, Worker worker, int concurrencyLimit,
                       MutationLock lock) {
        this.store = store;
        this.resolver = resolver;
        this.worker = worker;
        this.concurrencyLimit = concurrencyLimit;
        this.lock = lock;
    }

    /**
     * Gives the worker every stored reservation and takes back those no longer stored: after a restart, and, with
     * servers sharing a database, every heartbeat, so that a reservation set or removed through another server holds
     * here too within one.
     */
    void sync() {
        Map<String, Integer> stored = new HashMap<>();
        store.functions().stream().filter(function -> function.reservedConcurrency() != null)
                .forEach(function -> stored.put(function.name(), function.reservedConcurrency()));
        for (String name : Set.copyOf(held)) {
            if (!stored.containsKey(name)) {
                worker.setReservedConcurrency(name, null);
                held.remove(name);
            }
        }
        stored.forEach((name, reserved) -> {
            worker.setReservedConcurrency(name, reserved);
            held.add(name);
        });
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
        if (reserved == null) {
            held.remove(function.name());
        } else {
            held.add(function.name());
        }
        LOG.info("{} reserved concurrency of function {}{}", reserved == null ? "deleted" : "set", function.name(),
                reserved == null ? "" : " to " + reserved);
    }

    private int reservedTotal() {
        return store.functions().stream().map(FunctionRecord::reservedConcurrency).filter(Objects::nonNull)
                .mapToInt(Integer::intValue).sum();
    }
}
