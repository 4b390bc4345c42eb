package dev.thaw.faults.load;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/** A function every load client changes and invokes, with what the clients were told about it. */
final class SharedFunction {

    /** The environment variable configuration updates set. */
    static final String MARK = "LOAD_MARK";

    final String name;
    final Acknowledged<String> codeSha;
    final Acknowledged<String> mark;
    private final Set<String> versions = new ConcurrentSkipListSet<>();

    SharedFunction(String name, LongSupplier clock, String initialSha, String firstVersion) {
        this.name = name;
        this.codeSha = new Acknowledged<>(clock, initialSha);
        this.mark = new Acknowledged<>(clock, "");
        versions.add(firstVersion);
    }

    void published(String version) {
        versions.add(version);
    }

    List<String> versions() {
        return List.copyOf(versions);
    }

    String anyVersion(RandomGenerator random) {
        List<String> all = versions();
        return all.get(random.nextInt(all.size()));
    }
}
