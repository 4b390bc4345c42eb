package example.hostile;

/**
 * {@code processes}: lists /proc for processes outside the function's own sandbox. Escaped when it sees the
 * server's pid ({@code "pid"}), a process in another PID namespace, or the server's command line
 * ({@code "serverCmdline"}).
 */
final class Processes implements Attempt {

    @Override
    public Outcome run(Input input) {
        ProcessView view = ProcessView.look(input);
        return view.addFacts(Outcome.of(view.seesOutside(), view.describe()));
    }
}
