package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Put, Get, Update, Delete and ListFunctionEventInvokeConfig(s): the async invocation settings of $LATEST (an
 * unqualified name), a version or an alias. Put replaces all of them (what it leaves out is unset); Update changes
 * only what it names.
 */
public final class EventInvokeConfigService {

    private static final Logger LOG = LoggerFactory.getLogger(EventInvokeConfigService.class);
    private static final Pattern DESTINATION = Pattern.compile(
            "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:"
                    + "([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
    private static final int MAX_DESTINATION = 350;

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final Arns arns;
    private final MutationLock lock;
    private final Clock clock;

    EventInvokeConfigService(MetadataStore store, VersionResolver resolver, Arns arns, MutationLock lock,
                             Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.arns = arns;
        this.lock = lock;
        this.clock = clock;
    }

    public EventInvokeConfig put(FunctionRef ref, Requests.FunctionEventInvokeConfig request) {
        EventInvokeConfig.Destinations destinations = request.destinationConfig() == null
                ? EventInvokeConfig.Destinations.NONE
                : new EventInvokeConfig.Destinations(destination("onSuccess", request.destinationConfig().onSuccess()),
                        destination("onFailure", request.destinationConfig().onFailure()));
        return save(ref, current -> new EventInvokeConfig(ref.name(), qualifier(ref),
                retryAttempts(request.maximumRetryAttempts()), eventAge(request.maximumEventAgeInSeconds()),
                destinations, now()));
    }

    public EventInvokeConfig update(FunctionRef ref, Requests.FunctionEventInvokeConfig request) {
        Requests.DestinationConfig destinationConfig = Objects.requireNonNullElse(request.destinationConfig(),
                new Requests.DestinationConfig(null, null));
        String onSuccess = destination("onSuccess", destinationConfig.onSuccess());
        String onFailure = destination("onFailure", destinationConfig.onFailure());
        return save(ref, current -> {
            EventInvokeConfig existing = current.orElseThrow(() -> notFound(ref));
            return new EventInvokeConfig(ref.name(), qualifier(ref),
                    request.maximumRetryAttempts() == null ? existing.maximumRetryAttempts()
                            : retryAttempts(request.maximumRetryAttempts()),
                    request.maximumEventAgeInSeconds() == null ? existing.maximumEventAge()
                            : eventAge(request.maximumEventAgeInSeconds()),
                    new EventInvokeConfig.Destinations(
                            destinationConfig.onSuccess() == null ? existing.destinations().onSuccess() : onSuccess,
                            destinationConfig.onFailure() == null ? existing.destinations().onFailure() : onFailure),
                    now());
        });
    }

    public EventInvokeConfig get(FunctionRef ref) {
        resolver.config(ref);
        return store.eventInvokeConfig(ref.name(), qualifier(ref)).orElseThrow(() -> notFound(ref));
    }

    public void delete(FunctionRef ref) {
        lock.run(() -> {
            resolver.config(ref);
            store.eventInvokeConfig(ref.name(), qualifier(ref)).orElseThrow(() -> notFound(ref));
            store.deleteEventInvokeConfig(ref.name(), qualifier(ref));
            LOG.info("deleted the event invoke config of {}", arns.qualified(ref.name(), qualifier(ref)));
            return null;
        });
    }

    public Page<EventInvokeConfig> list(FunctionRef ref, String marker, Integer maxItems) {
        String name = ref.unqualified().name();
        resolver.function(name);
        return Page.of(store.eventInvokeConfigs(name), EventInvokeConfig::qualifier, marker, maxItems);
    }

    /** What an Event invocation through {@code ref} is allowed. */
    AsyncLimits limits(FunctionRef ref) {
        return store.eventInvokeConfig(ref.name(), qualifier(ref)).map(EventInvokeConfig::limits)
                .orElse(AsyncLimits.DEFAULT);
    }

    /** The configuration's ARN: always qualified, $LATEST included, as Lambda answers it. */
    public String arn(EventInvokeConfig config) {
        return arns.qualified(config.functionName(), config.qualifier());
    }

    private EventInvokeConfig save(FunctionRef ref,
                                   Function<Optional<EventInvokeConfig>, EventInvokeConfig> change) {
        return lock.run(() -> {
            resolver.config(ref);
            EventInvokeConfig saved = change.apply(store.eventInvokeConfig(ref.name(), qualifier(ref)));
            store.putEventInvokeConfig(saved);
            LOG.info("event invoke config of {}: {} retries, maximum event age {} s", arn(saved),
                    saved.limits().errorRetries(), saved.limits().maximumEventAge().toSeconds());
            return saved;
        });
    }

    private static String qualifier(FunctionRef ref) {
        return ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier();
    }

    private LambdaException notFound(FunctionRef ref) {
        return LambdaException.notFound("The function " + arns.qualified(ref.name(), qualifier(ref))
                + " doesn't have an EventInvokeConfig");
    }

    private static Integer retryAttempts(Integer attempts) {
        return attempts == null ? null : inRange("maximumRetryAttempts", attempts, 0,
                EventInvokeConfig.MAX_RETRY_ATTEMPTS);
    }

    private static Duration eventAge(Integer seconds) {
        return seconds == null ? null : Duration.ofSeconds(inRange("maximumEventAgeInSeconds", seconds,
                (int) EventInvokeConfig.MIN_EVENT_AGE.toSeconds(), (int) EventInvokeConfig.MAX_EVENT_AGE.toSeconds()));
    }

    private static int inRange(String member, int value, int min, int max) {
        if (value < min) {
            throw LambdaException.constraint(member, value, "Member must have value greater than or equal to " + min);
        }
        if (value > max) {
            throw LambdaException.constraint(member, value, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    /** A destination's ARN, or null for none (an empty one clears it, as in Lambda). */
    private static String destination(String member, Requests.Destination destination) {
        String arn = destination == null ? null : destination.destination();
        if (arn == null || arn.isEmpty()) {
            return null;
        }
        if (arn.length() > MAX_DESTINATION) {
            throw LambdaException.constraint("destinationConfig." + member + ".destination", arn,
                    "Member must have length less than or equal to " + MAX_DESTINATION);
        }
        if (!DESTINATION.matcher(arn).matches()) {
            throw LambdaException.constraint("destinationConfig." + member + ".destination", arn,
                    "Member must satisfy regular expression pattern: " + DESTINATION.pattern());
        }
        return arn;
    }

    // Lambda answers LastModified to the second; the databases keep microseconds at most.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
