package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Maps the Lambda Java runtimes to JDKs on this host. The mapping lives in {@code runtimes.properties} in the data
 * directory so an operator can point a runtime at another JDK; it is written on first start from the installed JDKs:
 * the JDK of the runtime's own release when there is one, otherwise the nearest newer one.
 */
public final class RuntimeCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeCatalog.class);
    static final String FILE_NAME = "runtimes.properties";
    private static final Map<String, Integer> RUNTIMES = orderedRuntimes();

    private final Map<String, Jdk> jdks;

    private RuntimeCatalog(Map<String, Jdk> jdks) {
        this.jdks = jdks;
    }

    /** Loads the mapping from {@code dataDir}, writing it first from {@code installed} when there is none. */
    public static RuntimeCatalog load(Path dataDir, Collection<Jdk> installed) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                write(file, chooseJdks(installed));
            }
            return new RuntimeCatalog(read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the runtime mapping " + file, e);
        }
    }

    /** The JDK home for a runtime, or InvalidParameterValueException when the runtime cannot run here. */
    public Path javaHome(String runtime) {
        if (!RUNTIMES.containsKey(runtime)) {
            throw LambdaException.invalidParameter("The runtime parameter of " + LambdaException.echo(runtime)
                    + " is not supported for creating or updating functions. We recommend you use a supported runtime ("
                    + String.join(", ", RUNTIMES.keySet()) + ") while creating or updating functions.");
        }
        Jdk jdk = jdks.get(runtime);
        if (jdk == null || Jdk.at(jdk.home()).isEmpty()) {
            throw LambdaException.invalidParameter("The runtime parameter of " + LambdaException.echo(runtime)
                    + " is not available: no JDK " + RUNTIMES.get(runtime) + " or newer is installed on this server (see "
                    + FILE_NAME + ").");
        }
        return jdk.home();
    }

    static Map<String, Jdk> chooseJdks(Collection<Jdk> installed) {
        TreeMap<Integer, Jdk> byMajor = new TreeMap<>();
        installed.forEach(jdk -> byMajor.putIfAbsent(jdk.major(), jdk));
        Map<String, Jdk> chosen = new LinkedHashMap<>();
        RUNTIMES.forEach((runtime, major) -> Optional.ofNullable(byMajor.ceilingEntry(major))
                .ifPresent(entry -> chosen.put(runtime, entry.getValue())));
        return chosen;
    }

    private static void write(Path file, Map<String, Jdk> chosen) throws IOException {
        Files.createDirectories(file.getParent());
        try (Writer writer = Files.newBufferedWriter(file)) {
            writer.write("# Lambda runtime -> JDK home used to run its functions. Edit and restart to change.\n");
            for (Map.Entry<String, Jdk> entry : chosen.entrySet()) {
                writer.write(entry.getKey() + "=" + entry.getValue().home() + "\n");
            }
        }
    }

    private static Map<String, Jdk> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        Map<String, Jdk> jdks = new LinkedHashMap<>();
        RUNTIMES.forEach((runtime, major) -> {
            String home = properties.getProperty(runtime);
            Optional<Jdk> jdk = home == null ? Optional.empty() : Jdk.at(Path.of(home.trim()));
            jdk.ifPresentOrElse(found -> {
                jdks.put(runtime, found);
                if (found.major() != major) {
                    LOG.info("runtime {} runs on JDK {} at {} (no JDK {} configured)", runtime, found.major(),
                            found.home(), major);
                }
            }, () -> LOG.warn("runtime {} is unavailable: no usable JDK configured in {}", runtime, file));
        });
        return jdks;
    }

    private static Map<String, Integer> orderedRuntimes() {
        Map<String, Integer> runtimes = new LinkedHashMap<>();
        List.of(17, 21, 25).forEach(major -> runtimes.put("java" + major, major));
        return runtimes;
    }
}
