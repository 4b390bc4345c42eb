package example;

import java.io.IOException;

/** Lets a child process inherit the runtime's stdout and stderr and write to them, as a function's tools do. */
public class ChildProcess {

    public static String run(String text) throws IOException, InterruptedException {
        Process child = new ProcessBuilder("/bin/sh", "-c", "printf '%s' \"$0\"; printf 'on stderr\\n' >&2", text)
                .inheritIO().start();
        return "child exited " + child.waitFor();
    }
}
