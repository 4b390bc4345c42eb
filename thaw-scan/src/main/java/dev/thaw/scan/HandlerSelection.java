package dev.thaw.scan;

import java.util.List;

/**
 * The handler classes whose initialisation is analysed. {@code framework} means the handler class belongs to a
 * library (Spring Cloud Function's invoker, for one): such a handler builds the function's own objects
 * reflectively during init, so every own class's static initialiser and constructors count as init.
 */
record HandlerSelection(List<String> classes, boolean framework) {
}
