package example;

import java.io.IOException;

/** A plain-method function that fails with a cause. */
public class Failing {

    public static String fail(String event) {
        throw new IllegalStateException("boom: " + event, new IOException("disk full"));
    }
}
