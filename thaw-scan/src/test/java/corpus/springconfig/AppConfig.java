package corpus.springconfig;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.security.SecureRandom;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * A Spring Cloud Function package: only a configuration, started by the framework's adapter (no own handler, no
 * call that starts a container). Positive: a plain generator bean and a bean holding a UUID. Negative: a
 * SecureRandom bean and a function that draws per request.
 */
@Configuration
public class AppConfig {

    @Bean
    public Random jitter() {
        return new Random(); // SNAP_START expected: jitter()
    }

    @Bean
    public Greeter greeter() {
        return new Greeter(UUID.randomUUID().toString()); // SNAP_START expected: greeter()
    }

    @Bean
    public SecureRandom tokens() {
        return new SecureRandom();
    }

    @Bean
    public Function<String, String> greet(Greeter greeter) {
        return name -> greeter.greet(name) + UUID.randomUUID();
    }
}
