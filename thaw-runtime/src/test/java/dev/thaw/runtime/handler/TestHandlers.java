package dev.thaw.runtime.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Handlers of every kind, called directly by the resolver tests. */
public final class TestHandlers {

    private TestHandlers() {
    }

    public static class Person {
        public String name;
        public int age;
    }

    public static class Greeting {
        private final String text;

        public Greeting(String text) {
            this.text = text;
        }

        public String getText() {
            return text;
        }

        public String getMissing() {
            return null;
        }
    }

    public static class Greeter implements RequestHandler<Person, Greeting> {
        @Override
        public Greeting handleRequest(Person person, Context context) {
            return new Greeting("Hello " + person.name + " (" + person.age + ") in " + context.getFunctionName());
        }
    }

    /** Input type bound two levels up, through an abstract class. */
    public abstract static class TypeReporter<T> implements RequestHandler<T, String> {
        @Override
        public String handleRequest(T input, Context context) {
            return input == null ? "null" : input.getClass().getSimpleName();
        }
    }

    public abstract static class MiddleReporter<X, Y> extends TypeReporter<Y> {
    }

    public static class PersonReporter extends MiddleReporter<String, Person> {
    }

    public static class PersonListReporter extends TypeReporter<List<Person>> {
        @Override
        public String handleRequest(List<Person> input, Context context) {
            return input.get(0).getClass().getSimpleName() + "x" + input.size();
        }
    }

    /** Input type bound through an interface extending RequestHandler. */
    public interface PersonHandler<R> extends RequestHandler<Person, R> {
    }

    public static class ViaInterface implements PersonHandler<Integer> {
        @Override
        public Integer handleRequest(Person person, Context context) {
            return person.age;
        }
    }

    /** Never bound: the event is read as generic JSON. */
    public static class UnboundReporter<T> extends TypeReporter<T> {
    }

    @SuppressWarnings("rawtypes")
    public static class RawHandler implements RequestHandler {
        @Override
        public Object handleRequest(Object input, Context context) {
            return input;
        }
    }

    public static class Shouter implements RequestStreamHandler {
        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            output.write(new String(input.readAllBytes(), StandardCharsets.UTF_8).toUpperCase().getBytes(StandardCharsets.UTF_8));
        }
    }

    public static class Methods {
        public static int instances;

        public Methods() {
            instances++;
        }

        public static String none() {
            return "none";
        }

        public String name(Person person) {
            return person.name;
        }

        public Map<String, Object> withContext(Map<String, Object> event, Context context) {
            return Map.of("id", context.getAwsRequestId(), "event", event);
        }

        public void nothing(String event) {
        }

        public String overloaded(Person person) {
            return "one";
        }

        public String overloaded(Person person, Context context) {
            return "two";
        }

        public static void reverse(InputStream input, OutputStream output) throws IOException {
            output.write(new StringBuilder(new String(input.readAllBytes(), StandardCharsets.UTF_8)).reverse()
                    .toString().getBytes(StandardCharsets.UTF_8));
        }

        public static String requestId(InputStream input, OutputStream output, Context context) throws IOException {
            output.write(context.getAwsRequestId().getBytes(StandardCharsets.UTF_8));
            return "ignored: streams answer with what they wrote";
        }

        public String unsuitable(String first, String second) {
            return first + second;
        }

        public String fails(String event) {
            throw new IllegalArgumentException("bad " + event);
        }

        public byte[] bytes(byte[] event) {
            return event;
        }
    }

    public abstract static class GenericMethodBase<T> {
        public String kind(T value) {
            return value.getClass().getSimpleName();
        }
    }

    public static class PersonKind extends GenericMethodBase<Person> {
    }

    public static class ThrowingConstructor {
        public ThrowingConstructor() {
            throw new IllegalStateException("cannot construct");
        }

        public String handle() {
            return "never";
        }
    }

    public static class NoDefaultConstructor {
        public NoDefaultConstructor(String required) {
        }

        public String handle() {
            return "never";
        }
    }
}
