package dev.thaw.scan;

import java.util.List;
import java.util.stream.Stream;

/**
 * The handlers whose initialisation is analysed.
 *
 * @param classes          the function's own handler classes: their static initialisers and constructors are init
 * @param libraryHandlers  handlers named on the command line that a library provides (a framework adapter such as
 *                         Spring Cloud Function's {@code FunctionInvoker}): their code is not analysed
 * @param containerStarted whether the handlers start a dependency-injection container during init even though no
 *                         analysed call does (a library adapter, a container-managed handler, or a package that
 *                         holds a container configuration and no Lambda handler class): the container's beans are
 *                         then init code
 */
record HandlerSelection(List<String> classes, List<String> libraryHandlers, boolean containerStarted) {

    HandlerSelection {
        classes = List.copyOf(classes);
        libraryHandlers = List.copyOf(libraryHandlers);
    }

    /** What the report names as the scanned handlers, Java spelling. */
    List<String> names() {
        return Stream.concat(classes.stream(), libraryHandlers.stream()).map(Names::className).toList();
    }
}
