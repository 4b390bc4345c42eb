package jakarta.enterprise.context;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Test stub of the CDI scope annotation, under its real name. */
@Retention(RetentionPolicy.RUNTIME)
public @interface ApplicationScoped {
}
