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
     * @param wrapperExitCode the exit code of the unshare process (Java reports death by signal N as 128 + N;
     *                        unshare re-raises its child's fatal signal on itself)
     * @param childKilled     unshare said its child was killed by SIGKILL, which it cannot re-raise and turns into
     *                        exit code 1
     */
    static String describe(int wrapperExitCode, boolean childKilled) {
        if (childKilled) {
            return "signal: killed";
        }
        if (wrapperExitCode > 128 && wrapperExitCode < 128 + 65) {
            int signal = wrapperExitCode - 128;
            return "signal: " + (signal < SIGNAL_NAMES.length ? SIGNAL_NAMES[signal] : Integer.toString(signal));
        }
        return "exit status " + wrapperExitCode;
    }
}
