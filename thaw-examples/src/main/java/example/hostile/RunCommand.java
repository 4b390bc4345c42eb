package example.hostile;

/**
 * {@code run-command}: runs {@code "command"} (e.g. {@code umount -l /tmp}, {@code unshare -r true},
 * {@code nsenter -t 1 -m true}). Escaped when it exits 0. {@code "ran": false} says the command could not even
 * start, so nothing was tried.
 */
final class RunCommand implements Attempt {

    @Override
    public Outcome run(Input input) {
        Command.Result result = Command.run(input.words("command"));
        return Outcome.of(result.succeeded(), result.describe())
                .with("command", result.command())
                .with("ran", result.ran())
                .with("exitCode", result.exitCode());
    }
}
