package example.spring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A Lambda handler that starts a (non-web) Spring Boot application in its constructor, the usual way to run
 * Spring on Lambda, and answers {@code {"name":"Bob"}} through the application's beans: configuration
 * properties, a JDBC repository on an in-memory database and the Jackson mapper. Its init takes seconds, which
 * is what SnapStart is for.
 */
public class SpringHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final ConfigurableApplicationContext context;
    private final GreetingService greetings;

    public SpringHandler() {
        context = LambdaSpringApplication.run(GreetingApplication.class);
        greetings = context.getBean(GreetingService.class);
    }

    protected GreetingService greetings() {
        return greetings;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context lambdaContext) {
        Greeting greeting = greetings.greet(event == null ? null : event.get("name"));
        Map<String, Object> result = new TreeMap<>();
        result.put("greeting", greeting.text());
        result.put("visits", greeting.visits());
        result.put("json", greetings.toJson(greeting));
        result.put("beans", context.getBeanDefinitionCount());
        result.put("contextActive", context.isActive());
        return result;
    }
}
