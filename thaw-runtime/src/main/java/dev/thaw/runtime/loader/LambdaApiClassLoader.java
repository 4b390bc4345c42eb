package dev.thaw.runtime.loader;

import java.util.Set;

/**
 * The parent of the function's class loader: the JDK, plus the runtime's own copy of the Lambda handler API
 * so that the function's {@code RequestHandler} or {@code Context} is the very class the runtime calls
 * through, and the runtime's CRaC package, which the function's {@code org.crac} finds by name. Nothing else
 * of the runtime (its code, its Jackson) is visible to the function.
 */
final class LambdaApiClassLoader extends ClassLoader {

    /**
     * aws-lambda-java-core's packages ({@code ...runtime.events} and the like belong to the function), and
     * the one CRaC hooks are registered through: one global context must serve the function and the runtime.
     */
    private static final Set<String> API_PACKAGES = Set.of(
            "com.amazonaws.services.lambda.runtime",
            "com.amazonaws.services.lambda.runtime.logging",
            "dev.thaw.crac");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtimeLoader;

    LambdaApiClassLoader(ClassLoader runtimeLoader) {
        super("thaw-lambda-api", ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = runtimeLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        int lastDot = name.lastIndexOf('.');
        if (lastDot > 0 && API_PACKAGES.contains(name.substring(0, lastDot))) {
            // A class the runtime lacks (a newer API bundled by the function) is then found in the package.
            return runtimeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }
}
