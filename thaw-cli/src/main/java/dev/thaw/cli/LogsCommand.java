package dev.thaw.cli;

import dev.thaw.controlplane.FunctionRef;
import dev.thaw.worker.logs.FunctionLogs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Clock;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/** {@code thaw logs <function>}: prints the function's log, every environment's stream merged in time order. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print a function's log.")
final class LogsCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "Function name or ARN.")
    String function;

    @Option(names = "--data-dir", description = "Data directory (default: ~/.thaw).")
    Path dataDir;

    @Override
    public Integer call() {
        Path root = dataDir == null ? DataDirs.defaultDataDir() : dataDir;
        String name = FunctionRef.parse(function).name();
        System.out.print(new FunctionLogs(root.resolve("logs"), Clock.systemUTC(), OptionalInt.empty()).read(name));
        return 0;
    }
}
