package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose class initialisation fails, like a function whose configuration is missing. */
public class InitFailure implements RequestHandler<Map<String, Object>, String> {

    private static final String SETTING = loadSetting();

    private static String loadSetting() {
        throw new IllegalStateException("example init failure: required setting is missing");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return SETTING;
    }
}
