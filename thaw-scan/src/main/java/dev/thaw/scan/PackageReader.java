package dev.thaw.scan;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads a deployment package in any of the layouts Lambda (and Thaw's loader) accept: a jar, a zip with classes at
 * its root or under {@code classes/} and library jars under {@code lib/}, or such a package already unpacked into
 * a directory. Classes at the root are the function's own, except those of well-known library namespaces that a
 * fat jar shades in: like {@code lib/*.jar} they are read for the type hierarchy only, so findings stay on the
 * code the function's authors can change.
 */
final class PackageReader {

    private static final List<String> LIBRARY_PREFIXES = List.of(
            "com/amazonaws/", "software/amazon/", "com/fasterxml/", "org/slf4j/", "org/apache/", "org/crac/",
            "org/springframework/", "io/micronaut/", "io/quarkus/", "io/netty/", "io/micrometer/", "io/opentelemetry/",
            "reactor/", "org/reactivestreams/", "kotlin/", "kotlinx/", "scala/", "com/google/", "org/jboss/",
            "ch/qos/logback/", "org/yaml/", "org/hibernate/", "com/zaxxer/", "okhttp3/", "okio/", "org/bouncycastle/",
            "jakarta/", "javax/", "org/joda/", "org/json/", "net/bytebuddy/", "org/objectweb/asm/");

    private PackageReader() {
    }

    static CodeBase read(Path path) {
        if (path == null || !Files.exists(path)) {
            throw new ScanException("no such file or directory: " + path);
        }
        CodeBase code = new CodeBase();
        try {
            if (Files.isDirectory(path)) {
                readDirectory(path, code);
            } else {
                readArchive(path, code);
            }
        } catch (ZipException e) {
            throw new ScanException("not a readable jar or zip file: " + path + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ScanException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (code.ownClasses().isEmpty()) {
            throw new ScanException("no classes found in " + path);
        }
        return code;
    }

    private static void readDirectory(Path root, CodeBase code) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (isLibraryJar(entry) || entry.endsWith(".class")) {
                    add(entry, Files.readAllBytes(file), code);
                }
            }
        }
    }

    private static void readArchive(Path file, CodeBase code) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && (isLibraryJar(entry.getName()) || entry.getName().endsWith(".class"))) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        add(entry.getName(), in.readAllBytes(), code);
                    }
                }
            }
        }
    }

    private static boolean isLibraryJar(String entry) {
        return entry.startsWith("lib/") && entry.endsWith(".jar") && entry.indexOf('/', 4) < 0;
    }

    private static void add(String entry, byte[] bytes, CodeBase code) {
        if (isLibraryJar(entry)) {
            readLibraryJar(entry, bytes, code);
            return;
        }
        String name = entry.startsWith("classes/") ? entry.substring("classes/".length()) : entry;
        // Multi-release variants and module descriptors add nothing the base classes lack.
        if (name.startsWith("META-INF/") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
            return;
        }
        ClassReader reader;
        try {
            reader = new ClassReader(bytes);
        } catch (RuntimeException e) {
            code.warn("skipped " + entry + ": not a class file ASM can read (" + e + ")");
            return;
        }
        if (isShadedLibrary(reader.getClassName())) {
            code.addLibrary(TypeHeader.of(reader));
            return;
        }
        ClassNode node = new ClassNode();
        try {
            // The analyzer computes its own frames: the stored ones would only cost memory.
            reader.accept(node, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            code.warn("skipped " + entry + ": " + e);
            return;
        }
        code.addOwn(node);
    }

    private static boolean isShadedLibrary(String internalName) {
        return LIBRARY_PREFIXES.stream().anyMatch(internalName::startsWith);
    }

    private static void readLibraryJar(String entry, byte[] bytes, CodeBase code) {
        try (ZipInputStream jar = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry inner = jar.getNextEntry(); inner != null; inner = jar.getNextEntry()) {
                String name = inner.getName();
                if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")) {
                    try {
                        code.addLibrary(TypeHeader.of(new ClassReader(jar.readAllBytes())));
                    } catch (RuntimeException e) {
                        // One unreadable class of a library costs only its place in the hierarchy.
                    }
                }
            }
        } catch (IOException e) {
            code.warn("skipped library " + entry + ": " + e.getMessage());
        }
    }
}
