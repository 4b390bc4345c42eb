package corpus.reflection;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;


/** Known miss: Class.forName initialises the class during init, but no call names it. */
public class Handler implements RequestHandler<String, String> {

    public Handler() throws ClassNotFoundException {
        Class.forName("corpus.reflection.Holder");
    }

    @Override
    public String handleRequest(String input, Context context) {
        return input;
    }
}
