package corpus.micronautbean;

import io.micronaut.function.aws.MicronautRequestHandler;
import jakarta.inject.Inject;

/** Positive: the Micronaut adapter's constructor starts the context, which builds the singleton. */
public class Handler extends MicronautRequestHandler<String, String> {

    @Inject
    Uptime uptime;

    @Override
    public String execute(String input) {
        return input + uptime.since() + new Scratch().id();
    }
}
