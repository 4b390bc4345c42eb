package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import example.hostile.Attempt;
import example.hostile.Attempts;
import example.hostile.Input;
import java.util.Map;

/**
 * A hostile function: each invocation tries one way out of its execution environment and says whether it got out.
 * The event names the attempt and its parameters, e.g. {@code {"attempt":"read-file","path":"/etc/shadow"}}; the
 * answer is {@code {"attempt": ..., "escaped": true|false, "detail": "...", ...facts}}, where {@code escaped} means
 * the hostile action succeeded. Run as root on a host, every attempt escapes; in a sandbox none may.
 *
 * <p>The attempts (package {@code example.hostile}): {@code identity}, {@code whoami-files}, {@code shape},
 * {@code run-command} ({@code "command"}), {@code chmod}, {@code chown}, {@code read-file}, {@code list-dir},
 * {@code write-file} ({@code "path"}), {@code cgroup-write}, {@code processes} and {@code umount-proc-and-look}
 * ({@code "pid"}: the server's pid on the host, {@code "serverCmdline"}), {@code dev}, {@code connect}
 * ({@code "host"}, {@code "port"}), {@code threads} ({@code "count"}), {@code fill-tmp} ({@code "mb"},
 * {@code "limitMb"}) and {@code open-files} ({@code "count"}). They leave nothing behind that the next invocation
 * would notice: files they create they delete, threads they start they join, descriptors they open they close.
 */
public class Hostile implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private static final Map<String, Attempt> ATTEMPTS = Attempts.byName();

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Input input = new Input(event);
        String name = input.text("attempt");
        Attempt attempt = ATTEMPTS.get(name);
        if (attempt == null) {
            throw new IllegalArgumentException("no attempt " + name + "; there are " + ATTEMPTS.keySet());
        }
        return attempt.run(input).answer(name);
    }
}
