package example;

/** A function whose constructor fails. */
public class BrokenConstructor {

    public BrokenConstructor() {
        throw new UnsupportedOperationException("constructor says no");
    }

    public String handle() {
        return "never";
    }
}
