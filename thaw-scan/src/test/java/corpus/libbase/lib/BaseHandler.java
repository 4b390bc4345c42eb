package corpus.libbase.lib;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.util.UUID;

/** Packaged as a library jar by the tests: read for the hierarchy only, never reported. */
public abstract class BaseHandler implements RequestHandler<String, String> {

    protected static final UUID LIBRARY_ID = UUID.randomUUID();
}
