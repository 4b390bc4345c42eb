package org.springframework.context.thawstub;

/** Test stub standing for a Spring application context: the scanner knows container bootstraps by package. */
public final class StubContext {

    private StubContext() {
    }

    public static Object start(Class<?> configuration) {
        return configuration;
    }
}
