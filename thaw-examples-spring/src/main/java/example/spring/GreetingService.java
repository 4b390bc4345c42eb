package example.spring;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Greets by the configured template, counts visits in the database and renders the greeting with the
 * auto-configured Jackson mapper.
 */
@Service
public class GreetingService {

    private final GreetingProperties properties;
    private final VisitorRepository visitors;
    private final JsonMapper mapper;

    public GreetingService(GreetingProperties properties, VisitorRepository visitors, JsonMapper mapper) {
        this.properties = properties;
        this.visitors = visitors;
        this.mapper = mapper;
    }

    @Transactional
    public Greeting greet(Object name) {
        String who = name == null ? properties.defaultName() : name.toString();
        return new Greeting(who, String.format(properties.template(), who), visitors.visit(who));
    }

    /**
     * Runs {@link #greet} and {@link #toJson} once and rolls the visit back: the request path's classes get
     * loaded and linked, and the database keeps nothing of it.
     */
    @Transactional
    public void prime() {
        toJson(greet(properties.defaultName()));
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
    }

    public String toJson(Greeting greeting) {
        return mapper.writeValueAsString(greeting);
    }
}
