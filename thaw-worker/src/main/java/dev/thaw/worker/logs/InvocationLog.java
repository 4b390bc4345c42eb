package dev.thaw.worker.logs;

/**
 * The log lines of one invocation (for its LogResult tail), written through to the log stream of the environment
 * that runs it as they come.
 */
public final class InvocationLog implements LogSink {

    private final StringBuilder text = new StringBuilder();
    private LogSink stream = output -> {
        throw new IllegalStateException("the invocation log is not attached to an environment's stream");
    };
    private boolean atLineStart = true;

    /** From now on, lines also go to {@code stream} (the environment running the invocation). */
    public synchronized void writeTo(LogSink stream) {
        this.stream = stream;
    }

    @Override
    public synchronized void output(String output) {
        if (output.isEmpty()) {
            return;
        }
        write(output);
    }

    /** Writes one platform line (START, REPORT, ...), on a line of its own even after unterminated output. */
    public synchronized void line(String line) {
        write((atLineStart ? "" : "\n") + line + "\n");
    }

    private void write(String output) {
        stream.output(output);
        text.append(output);
        atLineStart = output.endsWith("\n");
    }

    public synchronized String text() {
        return text.toString();
    }
}
