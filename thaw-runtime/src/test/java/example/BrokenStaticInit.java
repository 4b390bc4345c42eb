package example;

/** A function whose static initialiser fails, as one does when its configuration is missing. */
public class BrokenStaticInit {

    static {
        if (Boolean.parseBoolean("true")) {
            throw new IllegalStateException("no config");
        }
    }

    public static String handle() {
        return "never";
    }
}
