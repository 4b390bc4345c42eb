package example.hostile;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every attempt by the name an event gives it. */
public final class Attempts {

    private Attempts() {
    }

    public static Map<String, Attempt> byName() {
        Map<String, Attempt> attempts = new LinkedHashMap<>();
        attempts.put("identity", new Identity());
        attempts.put("whoami-files", new WhoAmI());
        attempts.put("shape", new Shape());
        attempts.put("run-command", new RunCommand());
        attempts.put("chmod", FileAccess::chmod);
        attempts.put("chown", FileAccess::chown);
        attempts.put("read-file", FileAccess::read);
        attempts.put("list-dir", FileAccess::list);
        attempts.put("write-file", FileAccess::write);
        attempts.put("cgroup-write", new Cgroups());
        attempts.put("processes", new Processes());
        attempts.put("umount-proc-and-look", new UmountProc());
        attempts.put("dev", new Devices());
        attempts.put("connect", new Connect());
        attempts.put("threads", new Threads());
        attempts.put("fill-tmp", new FillTmp());
        attempts.put("open-files", new OpenFiles());
        return attempts;
    }
}
