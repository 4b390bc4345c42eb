package dev.thaw.runtime.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionClassLoadersTest {

    @TempDir
    Path taskRoot;

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void classPathIsTaskRootThenLibJarsByNameThenTheLayersJarsByName(@TempDir Path opt) throws IOException {
        Files.createDirectories(taskRoot.resolve("lib"));
        Files.write(taskRoot.resolve("lib/b.jar"), new byte[0]);
        Files.write(taskRoot.resolve("lib/a.jar"), new byte[0]);
        Files.write(taskRoot.resolve("lib/notes.txt"), new byte[0]);
        Path layerLib = Files.createDirectories(opt.resolve("java/lib"));
        Files.write(layerLib.resolve("z.jar"), new byte[0]);
        Files.write(layerLib.resolve("c.jar"), new byte[0]);
        List<URL> urls = FunctionClassLoaders.classPath(taskRoot, layerLib);
        assertEquals(List.of(taskRoot.toUri().toURL(), taskRoot.resolve("lib/a.jar").toUri().toURL(),
                taskRoot.resolve("lib/b.jar").toUri().toURL(), layerLib.resolve("c.jar").toUri().toURL(),
                layerLib.resolve("z.jar").toUri().toURL()), urls);
        assertEquals(urls.subList(0, 3), FunctionClassLoaders.classPath(taskRoot, opt.resolve("none")));
    }

    @Test
    void handlerApiIsTheRuntimesOwn() throws Exception {
        try (URLClassLoader loader = FunctionClassLoaders.forTaskRoot(taskRoot)) {
            assertSame(Context.class, loader.loadClass(Context.class.getName()));
            assertSame(RequestHandler.class, loader.loadClass(RequestHandler.class.getName()));
            assertSame(LogLevel.class, loader.loadClass(LogLevel.class.getName()));
            assertSame(String.class, loader.loadClass("java.lang.String"));
            assertSame(java.sql.Connection.class, loader.loadClass("java.sql.Connection"));
            assertSame(dev.thaw.crac.Core.class, loader.loadClass("dev.thaw.crac.Core"));
            assertSame(dev.thaw.crac.Resource.class, loader.loadClass("dev.thaw.crac.Resource"));
        }
    }

    @Test
    void runtimeInternalsAndItsLibrariesAreHidden() throws Exception {
        try (URLClassLoader loader = FunctionClassLoaders.forTaskRoot(taskRoot)) {
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("dev.thaw.runtime.RuntimeMain"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(FunctionClassLoaders.class.getName()));
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("dev.thaw.runtime.snapstart.SnapStartCoordinator"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass("org.junit.jupiter.api.Test"));
            assertThrows(ClassNotFoundException.class, () -> loader.loadClass(SQSEvent.class.getName()));
            assertThrows(ClassNotFoundException.class,
                    () -> loader.loadClass("com.amazonaws.services.lambda.runtime.NotInTheApi"));
        }
    }

    @Test
    void eventClassesComeFromThePackage() throws Exception {
        Files.createDirectories(taskRoot.resolve("lib"));
        Files.copy(jarOf(SQSEvent.class), taskRoot.resolve("lib/events.jar"));
        try (URLClassLoader loader = FunctionClassLoaders.forTaskRoot(taskRoot)) {
            Class<?> event = loader.loadClass(SQSEvent.class.getName());
            assertNotSame(SQSEvent.class, event);
            assertSame(loader, event.getClassLoader());
        }
    }
}
