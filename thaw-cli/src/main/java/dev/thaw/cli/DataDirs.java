package dev.thaw.cli;

import java.nio.file.Path;

/** Where the commands find the data directory when none is given. */
final class DataDirs {

    private DataDirs() {
    }

    static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".thaw");
    }
}
