package corpus.libraryhandler.lib;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.function.Function;

/** Packaged as a library jar: a framework invoker that finds the function's Function and calls it. */
public class Invoker implements RequestHandler<String, String> {

    private Function<String, String> function;

    @Override
    public String handleRequest(String input, Context context) {
        return function.apply(input);
    }
}
