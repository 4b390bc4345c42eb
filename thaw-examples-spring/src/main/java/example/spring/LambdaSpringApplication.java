package example.spring;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts a Spring Boot application inside a Lambda handler, the way this package's handlers all do. */
public final class LambdaSpringApplication {

    private LambdaSpringApplication() {
    }

    /** No web server (the Lambda runtime receives the requests) and no banner in the function's log. */
    public static ConfigurableApplicationContext run(Class<?> application) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run();
    }
}
