package dev.thaw.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** A JDK installation: its home and the version its {@code release} file states. */
record JdkInfo(String home, String version) {

    static JdkInfo at(Path home) throws IOException {
        Properties release = new Properties();
        try (Reader reader = Files.newBufferedReader(home.resolve("release"))) {
            release.load(reader);
        }
        String version = release.getProperty("JAVA_VERSION", "unknown").replace("\"", "");
        String vendor = release.getProperty("IMPLEMENTOR", "").replace("\"", "");
        return new JdkInfo(home.toString(), vendor.isEmpty() ? version : version + " (" + vendor + ")");
    }

    @Override
    public String toString() {
        return "JDK " + version + " at " + home;
    }
}
