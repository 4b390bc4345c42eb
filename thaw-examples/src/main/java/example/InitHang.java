package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose class initialisation never finishes, like one waiting for an unreachable database. */
public class InitHang implements RequestHandler<Map<String, Object>, String> {

    private static final String SETTING = waitForever();

    private static String waitForever() {
        System.out.println("init: waiting forever");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // Keep hanging: only the platform's init timeout may end this.
            }
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return SETTING;
    }
}
