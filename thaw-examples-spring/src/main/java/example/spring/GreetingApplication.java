package example.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application behind {@link SpringHandler}: component scan, auto-configuration, properties. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GreetingApplication {
}
