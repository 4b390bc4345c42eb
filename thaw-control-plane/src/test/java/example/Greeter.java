package example;

import java.util.UUID;

/** A plain handler whose init draws an id: copies restored from one snapshot all answer the same one. */
public class Greeter {

    private static final String INIT_ID = UUID.randomUUID().toString();

    static {
        System.out.println("greeter initialised");
    }

    public String handleRequest(String name) {
        return "hello " + name + " from " + INIT_ID;
    }
}
