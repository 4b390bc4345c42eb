package example.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * What the function can see of other processes through /proc: whether the server's pid ({@code "pid"}, the host's
 * number) is listed, processes known to be in another PID namespace, and processes whose command line contains
 * the server's ({@code "serverCmdline"}).
 */
final class ProcessView {

    final List<Long> pids;
    final boolean hostPidListed;
    final List<Long> otherNamespaces = new ArrayList<>();
    final List<Long> serverLike = new ArrayList<>();

    private ProcessView(Input input) {
        long hostPid = input.number("pid", -1);
        String serverCmdline = input.text("serverCmdline", "");
        pids = ProcFs.pids();
        hostPidListed = pids.contains(hostPid) && ProcFs.mayBeOutside(hostPid);
        for (long pid : pids) {
            if (ProcFs.inAnotherSandbox(pid)) {
                otherNamespaces.add(pid);
            }
            if (!serverCmdline.isEmpty() && ProcFs.cmdline(pid).contains(serverCmdline)) {
                serverLike.add(pid);
            }
        }
    }

    static ProcessView look(Input input) {
        return new ProcessView(input);
    }

    boolean seesOutside() {
        return hostPidListed || !otherNamespaces.isEmpty() || !serverLike.isEmpty();
    }

    String describe() {
        return "/proc lists " + pids.size() + " processes" + (pids.size() <= 20 ? " " + pids : "")
                + (hostPidListed ? ", the server's pid among them" : "")
                + (otherNamespaces.isEmpty() ? "" : ", " + otherNamespaces.size() + " in other PID namespaces")
                + (serverLike.isEmpty() ? "" : ", the server's command line at " + serverLike);
    }

    Outcome addFacts(Outcome outcome) {
        return outcome.with("pids", pids.size() <= 50 ? pids : pids.subList(0, 50))
                .with("processes", pids.size())
                .with("hostPidListed", hostPidListed)
                .with("otherNamespaces", otherNamespaces.size())
                .with("serverLike", serverLike);
    }
}
