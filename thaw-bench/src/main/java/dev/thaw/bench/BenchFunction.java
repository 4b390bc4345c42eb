package dev.thaw.bench;

import java.nio.file.Path;

/** A function the cold-start benchmark deploys: its name, deployment package, handler and memory size. */
record BenchFunction(String name, Path deploymentPackage, String handler, int memoryMb) {
}
