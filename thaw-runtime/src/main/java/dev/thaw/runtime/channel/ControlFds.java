package dev.thaw.runtime.channel;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the control channel is inside an environment: two pipes on file descriptors of their own, passed by
 * whatever starts the runtime. Stdout and stderr are left to the function as plain log streams, so that native code
 * or a child process writing to them cannot corrupt the channel.
 */
public final class ControlFds {

    /** The read end of the pipe from the worker. */
    public static final int FROM_WORKER = 3;
    /** The write end of the pipe to the worker. */
    public static final int TO_WORKER = 4;
    /**
     * Shell redirections that move a channel passed as stdin and stdout to its own descriptors, leave stdin empty and
     * make stdout a second name of stderr: what a launcher whose only pipes are a process's standard ones runs
     * before it execs the runtime.
     */
    public static final String FROM_STANDARD_STREAMS = FROM_WORKER + "<&0 " + TO_WORKER + ">&1 0</dev/null 1>&2";

    private static final Path OWN_FDS = Path.of("/proc/self/fd");

    private ControlFds() {
    }

    /** The runtime's side of the channel, on the descriptors it was started with. */
    public static FrameChannel open() throws IOException {
        return new FrameChannel(new FileInputStream(pipe(FROM_WORKER)), new FileOutputStream(pipe(TO_WORKER), true));
    }

    /**
     * The descriptor as a file to open: Java cannot wrap an inherited descriptor, but opening its /proc link gives
     * another handle on the same pipe. Anything but a pipe is refused, as the runtime must never write into a file
     * the JVM happens to hold on that number.
     */
    private static File pipe(int fd) throws IOException {
        Path link = OWN_FDS.resolve(Integer.toString(fd));
        String target;
        try {
            target = Files.readSymbolicLink(link).toString();
        } catch (NoSuchFileException e) {
            throw new IOException("fd " + fd + " is not open: the runtime was started without its control channel");
        }
        if (!target.startsWith("pipe:[")) {
            throw new IOException("fd " + fd + " is " + target + ", not a pipe of the control channel");
        }
        return link.toFile();
    }
}
