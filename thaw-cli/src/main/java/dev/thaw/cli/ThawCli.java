package dev.thaw.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code thaw} command. */
@Command(name = "thaw", mixinStandardHelpOptions = true,
        description = "A self-hosted serverless platform for Java that speaks the AWS Lambda API.",
        subcommands = {ServerCommand.class, LogsCommand.class, DemoCommand.class, StoreCommand.class,
                ClusterCommand.class, ScanCommand.class})
public final class ThawCli {

    public static void main(String[] args) {
        System.exit(new CommandLine(new ThawCli()).execute(args));
    }
}
