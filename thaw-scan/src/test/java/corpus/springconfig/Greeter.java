package corpus.springconfig;

public class Greeter {

    private final String instance;

    public Greeter(String instance) {
        this.instance = instance;
    }

    String greet(String name) {
        return "Hello " + name + " from " + instance;
    }
}
