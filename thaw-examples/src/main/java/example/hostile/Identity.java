package example.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code identity}: who the function runs as, from /proc/self/status. Escaped when any uid or gid is 0, there are
 * supplementary groups, any capability set has a bit, NoNewPrivs is not 1 or there is no seccomp filter (mode 2).
 */
final class Identity implements Attempt {

    private static final List<String> CAPABILITY_SETS = List.of("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb");

    @Override
    public Outcome run(Input input) {
        Map<String, String> status = ProcFs.status();
        List<String> privileges = new ArrayList<>();
        for (String ids : List.of("Uid", "Gid")) {
            if (List.of(status.get(ids).split("\\s+")).contains("0")) {
                privileges.add(ids + " " + status.get(ids));
            }
        }
        String groups = status.getOrDefault("Groups", "");
        if (!groups.isBlank()) {
            privileges.add("supplementary groups " + groups);
        }
        for (String set : CAPABILITY_SETS) {
            String bits = status.get(set);
            if (bits == null || Long.parseUnsignedLong(bits, 16) != 0) {
                privileges.add(set + " " + bits);
            }
        }
        if (!"1".equals(status.get("NoNewPrivs"))) {
            privileges.add("NoNewPrivs " + status.get("NoNewPrivs"));
        }
        if (!"2".equals(status.get("Seccomp"))) {
            privileges.add("Seccomp " + status.get("Seccomp"));
        }
        Outcome outcome = privileges.isEmpty()
                ? Outcome.contained("unprivileged: uid " + status.get("Uid") + ", gid " + status.get("Gid")
                        + ", no groups, no capabilities, no_new_privs, seccomp filter")
                : Outcome.escaped("privileged: " + String.join(", ", privileges));
        for (String field : List.of("Uid", "Gid", "Groups", "CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb",
                "NoNewPrivs", "Seccomp")) {
            outcome.with(field, status.get(field));
        }
        return outcome;
    }
}
