package dev.thaw.snapshot.criu;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The few C library calls the userfaultfd page server makes (x86-64 and arm64 Linux, glibc), through the foreign
 * function API. Each call takes the thread's call-state segment ({@link #callState}) and throws {@link Errno} with the
 * call's errno when it fails.
 */
final class Libc {

    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EEXIST = 17;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int ENOSPC = 28;
    static final int EINTR = 4;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;

    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int MSG_CMSG_CLOEXEC = 0x40000000;
    private static final int SOL_SOCKET = 1;
    private static final int SCM_RIGHTS = 1;
    private static final int O_PATH_DIRECTORY_CLOEXEC = 0x200000 | 0x10000 | 0x80000;
    private static final int SUN_PATH = 108;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final MethodHandle SOCKET = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle BIND = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS,
            JAVA_INT));
    private static final MethodHandle LISTEN = downcall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
            JAVA_INT));
    private static final MethodHandle ACCEPT4 = downcall("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS,
            ADDRESS, JAVA_INT));
    private static final MethodHandle RECVMSG = downcall("recvmsg", FunctionDescriptor.of(JAVA_LONG, JAVA_INT,
            ADDRESS, JAVA_INT));
    private static final MethodHandle READ = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG));
    private static final MethodHandle POLL = downcall("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG,
            JAVA_INT));
    // ioctl(2) and open(2) are variadic after their second argument.
    private static final MethodHandle IOCTL = downcall("ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG,
            ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle OPEN = downcall("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT,
            JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle PIPE2 = downcall("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle WRITE = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS,
            JAVA_LONG));
    private static final MethodHandle WAITPID = downcall("waitpid", FunctionDescriptor.of(JAVA_INT, JAVA_INT,
            ADDRESS, JAVA_INT));
    private static final MethodHandle SPAWN_ACTIONS_INIT = downcall("posix_spawn_file_actions_init",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SPAWN_ACTIONS_DUP2 = downcall("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle SPAWN_ACTIONS_OPEN = downcall("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private static final MethodHandle SPAWN_ACTIONS_CLOSEFROM = downcall("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle SPAWN_ACTIONS_DESTROY = downcall("posix_spawn_file_actions_destroy",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle SPAWN = downcall("posix_spawn", FunctionDescriptor.of(JAVA_INT, ADDRESS,
            ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private static final int O_CLOEXEC = 0x80000;
    private static final int O_WRONLY = 1;
    /** glibc's posix_spawn_file_actions_t is 80 bytes; room to spare. */
    private static final long SPAWN_ACTIONS_SIZE = 256;

    /** {@code struct msghdr}'s size and offsets; {@code struct iovec} is two words. */
    private static final long MSGHDR_SIZE = 56;
    private static final long MSG_IOV = 16;
    private static final long MSG_IOVLEN = 24;
    private static final long MSG_CONTROL = 32;
    private static final long MSG_CONTROLLEN = 40;
    /** {@code CMSG_SPACE(sizeof(int))}: the header's 16 bytes and one int, padded to 8. */
    private static final long CMSG_SPACE_ONE_FD = 24;

    private Libc() {
    }

    /** A failed call, with its errno: callers tell failures apart by {@link #errno()}, never by text. */
    static final class Errno extends IOException {
        private final int errno;

        Errno(String call, int errno) {
            super(call + " failed: errno " + errno);
            this.errno = errno;
        }

        int errno() {
            return errno;
        }
    }

    /** A segment to pass to every call of one thread, where the call leaves its errno. */
    static MemorySegment callState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /**
     * A listening unix stream socket at {@code dir}/{@code name}; the directory is reached through a descriptor,
     * so the address stays short whatever the directory's path (socket paths are limited to 108 bytes).
     */
    static int listenUnix(MemorySegment state, String dir, String name) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            int dirFd = check("open", state, (int) OPEN.invokeExact(state, arena.allocateFrom(dir),
                    O_PATH_DIRECTORY_CLOEXEC, 0));
            try {
                byte[] path = ("/proc/self/fd/" + dirFd + "/" + name).getBytes(StandardCharsets.UTF_8);
                if (path.length >= SUN_PATH) {
                    throw new IOException("socket path too long: " + name);
                }
                MemorySegment address = arena.allocate(2 + SUN_PATH);
                address.set(ValueLayout.JAVA_SHORT, 0, (short) AF_UNIX);
                MemorySegment.copy(path, 0, address, ValueLayout.JAVA_BYTE, 2, path.length);
                int fd = check("socket", state, (int) SOCKET.invokeExact(state, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC,
                        0));
                try {
                    check("bind", state, (int) BIND.invokeExact(state, fd, address, 2 + path.length + 1));
                    check("listen", state, (int) LISTEN.invokeExact(state, fd, 1));
                    return fd;
                } catch (IOException e) {
                    close(state, fd);
                    throw e;
                }
            } finally {
                close(state, dirFd);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    static int accept(MemorySegment state, int fd) throws IOException {
        try {
            return check("accept4", state, (int) ACCEPT4.invokeExact(state, fd, MemorySegment.NULL,
                    MemorySegment.NULL, SOCK_CLOEXEC));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    /** Reads up to {@code buffer}'s size; -1 when nothing is there to read yet (EAGAIN). */
    static long read(MemorySegment state, int fd, MemorySegment buffer) throws IOException {
        try {
            long n = (long) READ.invokeExact(state, fd, buffer, buffer.byteSize());
            if (n < 0 && errno(state) == EAGAIN) {
                return -1;
            }
            return check("read", state, n);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    /**
     * Receives one byte with one descriptor attached (as CRIU's {@code send_fd} sends it), close-on-exec.
     *
     * @return the descriptor, or -1 if the peer closed the connection
     */
    static int receiveFd(MemorySegment state, int socket) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocate(1);
            MemorySegment iov = arena.allocate(16, 8);
            iov.set(ADDRESS, 0, data);
            iov.set(JAVA_LONG, 8, 1);
            MemorySegment control = arena.allocate(CMSG_SPACE_ONE_FD, 8);
            MemorySegment header = arena.allocate(MSGHDR_SIZE, 8);
            header.set(ADDRESS, MSG_IOV, iov);
            header.set(JAVA_LONG, MSG_IOVLEN, 1);
            header.set(ADDRESS, MSG_CONTROL, control);
            header.set(JAVA_LONG, MSG_CONTROLLEN, CMSG_SPACE_ONE_FD);
            long n = check("recvmsg", state, (long) RECVMSG.invokeExact(state, socket, header, MSG_CMSG_CLOEXEC));
            if (n == 0) {
                return -1;
            }
            long controlLength = header.get(JAVA_LONG, MSG_CONTROLLEN);
            if (controlLength < 20 || control.get(JAVA_INT, 8) != SOL_SOCKET || control.get(JAVA_INT, 12) != SCM_RIGHTS) {
                throw new IOException("no descriptor came with the message");
            }
            return control.get(JAVA_INT, 16);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    /** Waits for events on {@code count} {@code struct pollfd}s; 0 when the timeout passed. */
    static int poll(MemorySegment state, MemorySegment pollFds, int count, int timeoutMillis) throws IOException {
        try {
            int n = (int) POLL.invokeExact(state, pollFds, (long) count, timeoutMillis);
            if (n < 0 && errno(state) == EINTR) {
                return 0;
            }
            return check("poll", state, n);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    /** {@code ioctl(fd, request, argument)}; 0 or the errno it failed with. */
    static int ioctl(MemorySegment state, int fd, long request, MemorySegment argument) {
        try {
            int result = (int) IOCTL.invokeExact(state, fd, request, argument);
            return result < 0 ? errno(state) : 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot call into the C library", t);
        }
    }

    static void close(MemorySegment state, int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(state, fd);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot call into the C library", t);
        }
    }

    /** A close-on-exec pipe: {read end, write end}. */
    static int[] pipe(MemorySegment state) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            check("pipe2", state, (int) PIPE2.invokeExact(state, fds, O_CLOEXEC));
            return new int[] {fds.get(JAVA_INT, 0), fds.get(JAVA_INT, 4)};
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    static void write(MemorySegment state, int fd, byte[] bytes) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, bytes);
            check("write", state, (long) WRITE.invokeExact(state, fd, buffer, (long) bytes.length));
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    /** Waits for child {@code pid} to end. */
    static void await(MemorySegment state, int pid) {
        try {
            int ignored = (int) WAITPID.invokeExact(state, pid, MemorySegment.NULL, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("cannot call into the C library", t);
        }
    }

    /**
     * Starts {@code argv} (its first element an absolute path) with an empty environment and, in the child, each
     * descriptor {@code fds[2i]} on number {@code fds[2i + 1]}, stdout and stderr on /dev/null unless given, and no
     * other descriptor.
     *
     * @return the child's pid, to {@link #await}
     */
    static int spawn(MemorySegment state, List<String> argv, int... fds) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(SPAWN_ACTIONS_SIZE, 16);
            int error = (int) SPAWN_ACTIONS_INIT.invokeExact(state, actions);
            if (error != 0) {
                throw new Errno("posix_spawn_file_actions_init", error);
            }
            try {
                MemorySegment devNull = arena.allocateFrom("/dev/null");
                for (int fd = 1; fd <= 2; fd++) {
                    error = (int) SPAWN_ACTIONS_OPEN.invokeExact(state, actions, fd, devNull, O_WRONLY, 0);
                    if (error != 0) {
                        throw new Errno("posix_spawn_file_actions_addopen", error);
                    }
                }
                int highest = 2;
                for (int i = 0; i < fds.length; i += 2) {
                    error = (int) SPAWN_ACTIONS_DUP2.invokeExact(state, actions, fds[i], fds[i + 1]);
                    if (error != 0) {
                        throw new Errno("posix_spawn_file_actions_adddup2", error);
                    }
                    highest = Math.max(highest, fds[i + 1]);
                }
                error = (int) SPAWN_ACTIONS_CLOSEFROM.invokeExact(state, actions, highest + 1);
                if (error != 0) {
                    throw new Errno("posix_spawn_file_actions_addclosefrom_np", error);
                }
                MemorySegment args = arena.allocate(ADDRESS, argv.size() + 1);
                for (int i = 0; i < argv.size(); i++) {
                    args.setAtIndex(ADDRESS, i, arena.allocateFrom(argv.get(i)));
                }
                args.setAtIndex(ADDRESS, argv.size(), MemorySegment.NULL);
                MemorySegment env = arena.allocate(ADDRESS);
                env.set(ADDRESS, 0, MemorySegment.NULL);
                MemorySegment pid = arena.allocate(JAVA_INT);
                error = (int) SPAWN.invokeExact(state, pid, args.getAtIndex(ADDRESS, 0), actions,
                        MemorySegment.NULL, args, env);
                if (error != 0) {
                    throw new Errno("posix_spawn", error);
                }
                return pid.get(JAVA_INT, 0);
            } finally {
                int ignored = (int) SPAWN_ACTIONS_DESTROY.invokeExact(state, actions);
            }
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("cannot call into the C library", t);
        }
    }

    private static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    private static int check(String call, MemorySegment state, int result) throws Errno {
        if (result < 0) {
            throw new Errno(call, errno(state));
        }
        return result;
    }

    private static long check(String call, MemorySegment state, long result) throws Errno {
        if (result < 0) {
            throw new Errno(call, errno(state));
        }
        return result;
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Linker.Option[] all = new Linker.Option[options.length + 1];
        all[0] = Linker.Option.captureCallState("errno");
        System.arraycopy(options, 0, all, 1, options.length);
        return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), descriptor, all);
    }
}
