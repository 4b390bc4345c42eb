package dev.thaw.worker.logs;

/** The log lines of one invocation, written through to the function's log as they come. */
public final class InvocationLog implements LogSink {

    private final FunctionLogs logs;
    private final String functionName;
    private final StringBuilder text = new StringBuilder();
    private boolean atLineStart = true;

    InvocationLog(FunctionLogs logs, String functionName) {
        this.logs = logs;
        this.functionName = functionName;
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
        logs.append(functionName, output);
        text.append(output);
        atLineStart = output.endsWith("\n");
    }

    public synchronized String text() {
        return text.toString();
    }
}
