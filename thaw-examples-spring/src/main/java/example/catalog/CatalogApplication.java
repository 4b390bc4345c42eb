package example.catalog;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * The Spring Boot application behind {@link CatalogHandler}. Its catalog lives in memory: the in-memory database
 * on the class path belongs to the greeting application beside it.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class CatalogApplication {
}
