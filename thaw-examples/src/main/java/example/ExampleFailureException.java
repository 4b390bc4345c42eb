package example;

/** The application error {@link Fail} throws; its name shows up as the Lambda errorType. */
public class ExampleFailureException extends RuntimeException {

    public ExampleFailureException(String message) {
        super(message);
    }
}
