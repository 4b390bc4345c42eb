package dev.thaw.scan;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads a deployment package in any of the layouts Lambda (and Thaw's loader) accept: a jar, a zip with classes at
 * its root or under {@code classes/} and library jars under {@code lib/}, a Spring Boot jar ({@code BOOT-INF/classes}
 * and {@code BOOT-INF/lib}), or such a package already unpacked into a directory. Which classes are the function's
 * own follows from where they come from, never from their package: library jars are read for the type hierarchy
 * only, and so are the classes a fat jar shades in ({@link ShadedLibraries}), so findings stay on the code the
 * function's authors can change.
 */
final class PackageReader {

    private static final List<String> CLASS_ROOTS = List.of("classes/", "BOOT-INF/classes/");
    private static final List<String> LIBRARY_DIRECTORIES = List.of("lib/", "BOOT-INF/lib/");

    /** Classes at the package's root or class directories: the function's own unless a shaded library's. */
    private final Map<String, ClassReader> candidates = new LinkedHashMap<>();
    private final Set<String> shadedArtifacts = new HashSet<>();
    private final CodeBase code = new CodeBase();

    private PackageReader() {
    }

    static CodeBase read(Path path) {
        if (path == null || !Files.exists(path)) {
            throw new ScanException("no such file or directory: " + path);
        }
        PackageReader reader = new PackageReader();
        try {
            if (Files.isDirectory(path)) {
                reader.readDirectory(path);
            } else {
                reader.readArchive(path);
            }
        } catch (ZipException e) {
            throw new ScanException("not a readable jar or zip file: " + path + " (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new ScanException("cannot read " + path + ": " + e.getMessage(), e);
        }
        reader.classify();
        if (reader.code.ownClasses().isEmpty()) {
            throw new ScanException("no classes found in " + path);
        }
        return reader.code;
    }

    private void readDirectory(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String entry = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (isWanted(entry)) {
                    add(entry, Files.readAllBytes(file));
                }
            }
        }
    }

    private void readArchive(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && isWanted(entry.getName())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        add(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    private static boolean isWanted(String entry) {
        return isLibraryJar(entry) || entry.endsWith(".class") || ShadedLibraries.artifactOf(entry) != null;
    }

    private static boolean isLibraryJar(String entry) {
        return entry.endsWith(".jar") && LIBRARY_DIRECTORIES.stream().anyMatch(dir -> entry.startsWith(dir)
                && entry.indexOf('/', dir.length()) < 0);
    }

    private void add(String entry, byte[] bytes) {
        String artifact = ShadedLibraries.artifactOf(entry);
        if (artifact != null) {
            shadedArtifacts.add(artifact);
            return;
        }
        if (isLibraryJar(entry)) {
            readLibraryJar(entry, bytes);
            return;
        }
        String name = CLASS_ROOTS.stream().filter(entry::startsWith).findFirst()
                .map(root -> entry.substring(root.length())).orElse(entry);
        // Multi-release variants and module descriptors add nothing the base classes lack.
        if (name.startsWith("META-INF/") || name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
            return;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            candidates.putIfAbsent(reader.getClassName(), reader);
        } catch (RuntimeException e) {
            code.warn("skipped " + entry + ": not a class file ASM can read (" + e + ")");
        }
    }

    /** Once every entry is read, the Maven metadata tells which shaded libraries the candidates include. */
    private void classify() {
        ShadedLibraries shaded = ShadedLibraries.of(shadedArtifacts);
        candidates.forEach((name, reader) -> {
            if (shaded.covers(name)) {
                code.addLibrary(TypeHeader.of(reader));
                return;
            }
            ClassNode node = new ClassNode();
            try {
                // The analyzer computes its own frames: the stored ones would only cost memory.
                reader.accept(node, ClassReader.SKIP_FRAMES);
            } catch (RuntimeException e) {
                code.warn("skipped " + name + ": " + e);
                return;
            }
            code.addOwn(node);
        });
    }

    private void readLibraryJar(String entry, byte[] bytes) {
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
