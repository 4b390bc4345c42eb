package jakarta.inject;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Test stub of the jakarta.inject annotation, under its real name. */
@Retention(RetentionPolicy.RUNTIME)
public @interface Singleton {
}
