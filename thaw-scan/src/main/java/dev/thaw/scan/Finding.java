package dev.thaw.scan;

import java.util.List;

/**
 * One init-time value that every restored copy would share.
 *
 * <p>The location ({@code className}, {@code method}, {@code line}) is that of the call producing the value
 * (the {@code UUID.randomUUID()}, the {@code new Random()}, the {@code setSeed}), which is where the fix goes; the
 * store is given separately ({@code storedIn}, {@code storedAt}). {@code path} is how init reaches the method:
 * its first element is an init root (a static initialiser or a constructor of the handler).
 *
 * @param bugCode    always {@code SNAP_START}
 * @param className  the class of the producing call, Java spelling
 * @param method     its method, readable: {@code <init>}, {@code <clinit>}, {@code newId()}, {@code wrap(String)}
 * @param descriptor the method's JVM descriptor
 * @param sourceFile the class's SourceFile attribute, null when compiled without it
 * @param line       the producing call's source line, 0 without line numbers
 * @param value      the kind of value: {@code java.util.UUID.randomUUID()}, {@code new java.util.Random()}
 * @param category   the family of the value
 * @param storedIn   the field the value (or something derived from it) ends up in
 * @param storedAt   where that store happens: {@code example.Handler.<init> line 14}
 * @param path       the init call path to {@code method}
 */
public record Finding(String bugCode, String className, String method, String descriptor, String sourceFile,
                      int line, String value, ValueCategory category, String storedIn, String storedAt,
                      List<String> path) {

    public static final String BUG_CODE = "SNAP_START";

    public Finding {
        path = List.copyOf(path);
    }

    /** {@code example.Handler.<init>}. */
    public String location() {
        return className + "." + method;
    }

    /** The source file's path guessed from the package and the SourceFile attribute: {@code example/Handler.java}. */
    public String sourcePath() {
        int dot = className.lastIndexOf('.');
        String directory = dot < 0 ? "" : className.substring(0, dot).replace('.', '/') + "/";
        String file = sourceFile != null ? sourceFile : outerClass(className.substring(dot + 1)) + ".java";
        return directory + file;
    }

    public String pathText() {
        return String.join(" -> ", path);
    }

    /** One line, for logs: {@code SNAP_START example.Handler.<init> line 12: ... stored in example.Handler.id ...}. */
    public String message() {
        return bugCode + " " + location() + " line " + line + ": " + value + " stored in " + storedIn
                + " - every restored copy shares it";
    }

    private static String outerClass(String simpleName) {
        int dollar = simpleName.indexOf('$');
        return dollar < 0 ? simpleName : simpleName.substring(0, dollar);
    }
}
