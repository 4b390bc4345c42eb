package dev.thaw.worker.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The seccomp filter of every environment, as the classic BPF program the kernel takes (the form bubblewrap's
 * {@code --seccomp} reads). It refuses, with EPERM, the system calls a function never needs and that would widen
 * what it can reach: mounting, namespaces, tracing other processes, loading code into the kernel, keyrings, clock
 * and host settings — the class of calls Docker's default profile refuses to unprivileged containers. New
 * namespaces through {@code clone} are refused by flag; {@code clone3}, whose flags the filter cannot read, answers
 * ENOSYS so that the C library falls back to {@code clone}. Any other architecture or ABI (x32, i386) is killed.
 * Only x86_64 is described; the worker refuses to start sandboxes elsewhere.
 */
final class SeccompFilter {

    private static final int AUDIT_ARCH_X86_64 = 0xc000003e;
    private static final int X32_SYSCALL_BIT = 0x40000000;
    private static final int EPERM = 1;
    private static final int ENOSYS = 38;
    private static final int RET_ALLOW = 0x7fff0000;
    private static final int RET_ERRNO = 0x00050000;
    private static final int RET_KILL_PROCESS = 0x80000000;
    /** CLONE_NEWNS, CLONE_NEWCGROUP, CLONE_NEWUTS, CLONE_NEWIPC, CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET. */
    private static final int CLONE_NEW_NAMESPACES = 0x7e020000;
    private static final int CLONE = 56;
    private static final int CLONE3 = 435;

    // seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6] (little endian: low word first).
    private static final int OFFSET_NR = 0;
    private static final int OFFSET_ARCH = 4;
    private static final int OFFSET_ARG0_LOW = 16;

    private static final short LD_W_ABS = 0x20;
    private static final short JEQ_K = 0x15;
    private static final short JGE_K = 0x35;
    private static final short JSET_K = 0x45;
    private static final short RET_K = 0x06;

    /** x86_64 numbers of the refused calls, each named. */
    private enum Refused {
        PTRACE(101), SYSLOG(103), USELIB(134), USTAT(136), SYSFS(139), VHANGUP(153), PIVOT_ROOT(155), SYSCTL(156),
        ADJTIMEX(159), CHROOT(161), ACCT(163), SETTIMEOFDAY(164), MOUNT(165), UMOUNT2(166), SWAPON(167),
        SWAPOFF(168), REBOOT(169), SETHOSTNAME(170), SETDOMAINNAME(171), IOPL(172), IOPERM(173),
        CREATE_MODULE(174), INIT_MODULE(175), DELETE_MODULE(176), GET_KERNEL_SYMS(177), QUERY_MODULE(178),
        QUOTACTL(179), NFSSERVCTL(180), LOOKUP_DCOOKIE(212), CLOCK_SETTIME(227), KEXEC_LOAD(246), ADD_KEY(248),
        REQUEST_KEY(249), KEYCTL(250), MIGRATE_PAGES(256), UNSHARE(272), MOVE_PAGES(279), PERF_EVENT_OPEN(298),
        NAME_TO_HANDLE_AT(303), OPEN_BY_HANDLE_AT(304), CLOCK_ADJTIME(305), SETNS(308), PROCESS_VM_READV(310),
        PROCESS_VM_WRITEV(311), KCMP(312), FINIT_MODULE(313), KEXEC_FILE_LOAD(320), BPF(321), USERFAULTFD(323),
        IO_URING_SETUP(425), IO_URING_ENTER(426), IO_URING_REGISTER(427), OPEN_TREE(428), MOVE_MOUNT(429),
        FSOPEN(430), FSCONFIG(431), FSMOUNT(432), FSPICK(433), PIDFD_GETFD(438), MOUNT_SETATTR(442),
        QUOTACTL_FD(443);

        final int number;

        Refused(int number) {
            this.number = number;
        }
    }

    private SeccompFilter() {
    }

    /** The program: an array of {@code struct sock_filter}, in the host's (little endian) byte order. */
    static byte[] program() {
        Program p = new Program();
        p.load(OFFSET_ARCH);
        p.jump(JEQ_K, AUDIT_ARCH_X86_64, 1, 0);
        p.ret(RET_KILL_PROCESS);
        p.load(OFFSET_NR);
        // -1 is a call a tracer cancelled: nothing runs.
        p.answer(-1, RET_ALLOW);
        p.jump(JGE_K, X32_SYSCALL_BIT, 0, 1);
        p.ret(RET_KILL_PROCESS);
        for (Refused call : Refused.values()) {
            p.answer(call.number, RET_ERRNO | EPERM);
        }
        p.answer(CLONE3, RET_ERRNO | ENOSYS);
        // clone: refused when its flags ask for a new namespace.
        p.jump(JEQ_K, CLONE, 0, 3);
        p.load(OFFSET_ARG0_LOW);
        p.jump(JSET_K, CLONE_NEW_NAMESPACES, 0, 1);
        p.ret(RET_ERRNO | EPERM);
        p.ret(RET_ALLOW);
        return p.bytes();
    }

    /** The names of the refused calls, for documentation and tests. */
    static List<String> refusedCalls() {
        return Arrays.stream(Refused.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList();
    }

    private static final class Program {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void load(int offset) {
            add(LD_W_ABS, 0, 0, offset);
        }

        void jump(short code, int k, int ifTrue, int ifFalse) {
            add(code, ifTrue, ifFalse, k);
        }

        void ret(int value) {
            add(RET_K, 0, 0, value);
        }

        /** The accumulator holds the call's number: answers {@code value} when it is {@code number}. */
        void answer(int number, int value) {
            jump(JEQ_K, number, 0, 1);
            ret(value);
        }

        private void add(short code, int jt, int jf, int k) {
            ByteBuffer instruction = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            instruction.putShort(code).put((byte) jt).put((byte) jf).putInt(k);
            out.writeBytes(instruction.array());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
