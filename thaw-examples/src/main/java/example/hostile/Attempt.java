package example.hostile;

/**
 * One hostile action. It really tries the action and reports whether it succeeded; the refusals it expects (an
 * exception, a failed command) are its findings, anything else is a bug and propagates.
 */
@FunctionalInterface
public interface Attempt {

    Outcome run(Input input);
}
