package dev.thaw.worker.sandbox;

/** Describes how a sandbox ended, in the words Lambda uses ("exit status 1", "signal: killed"). */
final class ExitStatus {

    private static final String[] SIGNAL_NAMES = {
            null, "hangup", "interrupt", "quit", "illegal instruction", "trace/breakpoint trap", "aborted",
            "bus error", "floating point exception", "killed", "user defined signal 1", "segmentation fault",
            "user defined signal 2", "broken pipe", "alarm clock", "terminated"};

    private ExitStatus() {
    }

    /**
     * @param wrapperExitCode the exit code of the sandbox's wrapper, which bubblewrap makes 128 + N when its child
     *                        died of signal N (as Java reports a process's own death by signal N)
     */
    static String describe(int wrapperExitCode) {
        if (wrapperExitCode > 128 && wrapperExitCode < 128 + 65) {
            int signal = wrapperExitCode - 128;
            return "signal: " + (signal < SIGNAL_NAMES.length ? SIGNAL_NAMES[signal] : Integer.toString(signal));
        }
        return "exit status " + wrapperExitCode;
    }
}
