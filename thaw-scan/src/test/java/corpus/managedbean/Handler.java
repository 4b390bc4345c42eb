package corpus.managedbean;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.springframework.context.thawstub.StubContext;

/** Positive: the constructor starts a DI container, which builds the annotated beans during init. */
public class Handler implements RequestHandler<String, String> {

    private final Object context = StubContext.start(Handler.class);

    @Override
    public String handleRequest(String input, Context context) {
        return input + this.context;
    }
}
