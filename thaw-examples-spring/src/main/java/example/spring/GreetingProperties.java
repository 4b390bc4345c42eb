package example.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code greeting.*} settings from application.properties.
 *
 * @param template    a format with one {@code %s} for the name
 * @param defaultName used when the event names nobody
 */
@ConfigurationProperties("greeting")
public record GreetingProperties(String template, String defaultName) {
}
