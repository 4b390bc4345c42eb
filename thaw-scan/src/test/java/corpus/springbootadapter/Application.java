package corpus.springbootadapter;

import org.springframework.context.annotation.Configuration;

@Configuration
public class Application {
}
