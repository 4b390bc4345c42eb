package example.spring;

/** What {@link GreetingService} makes; serialised by the application's Jackson mapper. */
public record Greeting(String name, String text, int visits) {
}
