package example;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports what a function can see of the environment it runs in. */
public class Probe {

    public Map<String, Object> probe() throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        seen.put("runtimeVisible", visible("dev.thaw.runtime.RuntimeMain"));
        seen.put("cracCompatVisible", visible("dev.thaw.crac.Core"));
        seen.put("shadedJacksonVisible", visible("dev.thaw.runtime.shaded.jackson.databind.ObjectMapper"));
        seen.put("jacksonVisible", visible("com.fasterxml.jackson.databind.ObjectMapper"));
        seen.put("contextLoaderIsFunctions", Thread.currentThread().getContextClassLoader() == Probe.class.getClassLoader());
        seen.put("stdin", System.in.read());
        seen.put("workingDirectory", System.getProperty("user.dir"));
        return seen;
    }

    private static boolean visible(String className) {
        try {
            Class.forName(className, false, Probe.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
