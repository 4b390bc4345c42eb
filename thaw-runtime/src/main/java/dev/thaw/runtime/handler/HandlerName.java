package dev.thaw.runtime.handler;

/**
 * A parsed {@code _HANDLER}: {@code pkg.Class::method}, or {@code pkg.Class} for the method
 * {@value #DEFAULT_METHOD} that RequestHandler and RequestStreamHandler declare.
 */
public record HandlerName(String className, String methodName) {

    public static final String DEFAULT_METHOD = "handleRequest";

    /** @throws IllegalArgumentException when the value names no class or an empty method */
    public static HandlerName parse(String handler) {
        String value = handler == null ? "" : handler.trim();
        int separator = value.indexOf("::");
        String className = separator < 0 ? value : value.substring(0, separator);
        String methodName = separator < 0 ? DEFAULT_METHOD : value.substring(separator + 2);
        if (className.isEmpty() || methodName.isEmpty() || methodName.contains("::")) {
            throw new IllegalArgumentException("Invalid handler: '" + value + "'");
        }
        return new HandlerName(className, methodName);
    }
}
