package dev.thaw.runtime.loader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds the class loader of a deployment package: classes at the task root, then {@code lib/*.jar} in name
 * order (the layout of both an unzipped fat jar and Lambda's zip format), then the layers' {@code /opt/java/lib/*.jar}
 * in name order, as Lambda's Java runtimes put them, over the JDK and the handler API.
 */
public final class FunctionClassLoaders {

    /** Where the jars of a function's layers are. */
    static final Path LAYER_LIB = Path.of("/opt/java/lib");

    private FunctionClassLoaders() {
    }

    public static URLClassLoader forTaskRoot(Path taskRoot) {
        ClassLoader api = new LambdaApiClassLoader(FunctionClassLoaders.class.getClassLoader());
        // Unnamed: a named loader would prefix every frame of the function's stack traces with its name.
        return new URLClassLoader(classPath(taskRoot, LAYER_LIB).toArray(URL[]::new), api);
    }

    static List<URL> classPath(Path taskRoot, Path layerLib) {
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(taskRoot.toAbsolutePath().toUri().toURL());
            addJars(taskRoot.resolve("lib"), urls);
            addJars(layerLib, urls);
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return urls;
    }

    private static void addJars(Path dir, List<URL> urls) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> jars = Files.list(dir)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                    urls.add(jar.toAbsolutePath().toUri().toURL());
                }
            }
        }
    }
}
