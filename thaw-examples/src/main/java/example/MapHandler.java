package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.TreeMap;

/** Map in, Map out: returns the event's keys in order and how many there were. */
public class MapHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> result = new TreeMap<>();
        result.put("keys", String.join(",", new TreeMap<>(event).keySet()));
        result.put("count", event.size());
        return result;
    }
}
