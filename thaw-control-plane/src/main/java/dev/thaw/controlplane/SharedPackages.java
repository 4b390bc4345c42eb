package dev.thaw.controlplane;

import java.util.Optional;

/** Where servers that share a database find each other's packages: the zips by the hex form of their SHA-256. */
public interface SharedPackages {

    /** Keeps the zip (again: the same content is the same package). */
    void putPackage(String sha256Hex, byte[] zip);

    Optional<byte[]> packageZip(String sha256Hex);
}
