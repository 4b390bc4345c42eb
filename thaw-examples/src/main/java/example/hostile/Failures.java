package example.hostile;

/** Short descriptions of why an action failed. */
final class Failures {

    private Failures() {
    }

    /** The exception's kind and message, e.g. {@code AccessDeniedException: /etc/shadow}. */
    static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
