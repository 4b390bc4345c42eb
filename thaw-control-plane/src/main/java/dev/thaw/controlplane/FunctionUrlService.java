package dev.thaw.controlplane;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Create, Get, Update, Delete and ListFunctionUrlConfig(s): the function URL of $LATEST (an unqualified name) or of
 * an alias; a version has none, as in Lambda. Each URL gets a random id that names it in its host name.
 */
public final class FunctionUrlService {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlService.class);
    private static final Pattern QUALIFIER = Pattern.compile("(^\\$LATEST$)|((?!^[0-9]+$)([a-zA-Z0-9-_]+))");
    private static final String URL_ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int URL_ID_LENGTH = 32;
    private static final int MAX_CORS_ITEMS = 100;
    private static final int MAX_METHODS = 6;
    private static final int MAX_METHOD_LENGTH = 6;
    private static final int MAX_HEADER_LENGTH = 1024;
    private static final int MAX_ORIGIN_LENGTH = 253;
    private static final int MAX_AGE_SECONDS = 86_400;

    private final MetadataStore store;
    private final VersionResolver resolver;
    private final Arns arns;
    private final MutationLock lock;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    FunctionUrlService(MetadataStore store, VersionResolver resolver, Arns arns, MutationLock lock, Clock clock) {
        this.store = store;
        this.resolver = resolver;
        this.arns = arns;
        this.lock = lock;
        this.clock = clock;
    }

    public FunctionUrlConfig create(FunctionRef ref, Requests.FunctionUrlConfig request) {
        String qualifier = qualifier(ref);
        if (request.authType() == null) {
            throw LambdaException.constraint("authType", null, "Member must not be null");
        }
        UrlAuthType authType = authType(request.authType());
        Optional<UrlCors> cors = cors(request.cors());
        UrlInvokeMode invokeMode = invokeMode(request.invokeMode()).orElse(UrlInvokeMode.BUFFERED);
        return lock.run(() -> {
            resolver.config(new FunctionRef(ref.name(), qualifier));
            if (store.functionUrl(ref.name(), qualifier).isPresent()) {
                throw LambdaException.conflict("Failed to create function url config for [functionArn = "
                        + arns.qualified(ref.name(), qualifier) + "]. Error message:  FunctionUrlConfig exists "
                        + "for this Lambda function");
            }
            Instant now = now();
            FunctionUrlConfig created = new FunctionUrlConfig(ref.name(), qualifier, newUrlId(), authType, cors,
                    invokeMode, now, now);
            store.putFunctionUrl(created);
            LOG.info("created function URL {} for {} ({})", created.urlId(), arn(created), authType);
            return created;
        });
    }

    public FunctionUrlConfig get(FunctionRef ref) {
        String qualifier = qualifier(ref);
        resolver.config(new FunctionRef(ref.name(), qualifier));
        return store.functionUrl(ref.name(), qualifier).orElseThrow(FunctionUrlService::notFound);
    }

    /** Changes what the request names; a Cors given replaces the whole of the earlier one. */
    public FunctionUrlConfig update(FunctionRef ref, Requests.FunctionUrlConfig request) {
        Optional<UrlAuthType> authType = Optional.ofNullable(request.authType()).map(FunctionUrlService::authType);
        Optional<UrlCors> cors = cors(request.cors());
        Optional<UrlInvokeMode> invokeMode = invokeMode(request.invokeMode());
        return lock.run(() -> {
            FunctionUrlConfig existing = get(ref);
            FunctionUrlConfig updated = new FunctionUrlConfig(existing.functionName(), existing.qualifier(),
                    existing.urlId(), authType.orElse(existing.authType()),
                    request.cors() == null ? existing.cors() : cors, invokeMode.orElse(existing.invokeMode()),
                    existing.creationTime(), now());
            store.putFunctionUrl(updated);
            LOG.info("updated function URL {} of {}", updated.urlId(), arn(updated));
            return updated;
        });
    }

    public void delete(FunctionRef ref) {
        lock.run(() -> {
            FunctionUrlConfig existing = get(ref);
            store.deleteFunctionUrl(existing.functionName(), existing.qualifier());
            LOG.info("deleted function URL {} of {}", existing.urlId(), arn(existing));
            return null;
        });
    }

    public Page<FunctionUrlConfig> list(FunctionRef ref, String marker, Integer maxItems) {
        String name = ref.unqualified().name();
        resolver.function(name);
        return Page.of(store.functionUrls(name), FunctionUrlConfig::qualifier, marker, maxItems);
    }

    /** The URL a request names by its id, if there is one. */
    public Optional<FunctionUrlConfig> byUrlId(String urlId) {
        return store.functionUrlById(urlId);
    }

    /** The ARN of what the URL invokes: unqualified for $LATEST, the alias's for an alias, as Lambda answers. */
    public String arn(FunctionUrlConfig config) {
        return FunctionConfig.LATEST.equals(config.qualifier()) ? arns.function(config.functionName())
                : arns.qualified(config.functionName(), config.qualifier());
    }

    private static String qualifier(FunctionRef ref) {
        String qualifier = ref.qualifier() == null ? FunctionConfig.LATEST : ref.qualifier();
        if (!QUALIFIER.matcher(qualifier).matches()) {
            throw LambdaException.constraint("qualifier", qualifier, "Member must satisfy regular expression "
                    + "pattern: " + QUALIFIER.pattern());
        }
        return qualifier;
    }

    /** In milliseconds, as the times are kept and answered. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String newUrlId() {
        StringBuilder id = new StringBuilder(URL_ID_LENGTH);
        for (int i = 0; i < URL_ID_LENGTH; i++) {
            id.append(URL_ID_CHARACTERS.charAt(random.nextInt(URL_ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    private static LambdaException notFound() {
        return LambdaException.notFound("The resource you requested does not exist.");
    }

    private static UrlAuthType authType(String value) {
        return enumValue("authType", value, UrlAuthType.class);
    }

    private static Optional<UrlInvokeMode> invokeMode(String value) {
        return Optional.ofNullable(value).map(mode -> enumValue("invokeMode", mode, UrlInvokeMode.class));
    }

    private static <E extends Enum<E>> E enumValue(String member, String value, Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(value)).findFirst()
                .orElseThrow(() -> LambdaException.constraint(member, value, "Member must satisfy enum value set: "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                        .collect(Collectors.joining(", ", "[", "]"))));
    }

    private static Optional<UrlCors> cors(Requests.Cors cors) {
        if (cors == null) {
            return Optional.empty();
        }
        if (cors.maxAge() != null && (cors.maxAge() < 0 || cors.maxAge() > MAX_AGE_SECONDS)) {
            throw LambdaException.constraint("cors.maxAge", cors.maxAge(), cors.maxAge() < 0
                    ? "Member must have value greater than or equal to 0"
                    : "Member must have value less than or equal to " + MAX_AGE_SECONDS);
        }
        return Optional.of(new UrlCors(Boolean.TRUE.equals(cors.allowCredentials()),
                items("cors.allowHeaders", cors.allowHeaders(), MAX_CORS_ITEMS, MAX_HEADER_LENGTH),
                items("cors.allowMethods", cors.allowMethods(), MAX_METHODS, MAX_METHOD_LENGTH),
                items("cors.allowOrigins", cors.allowOrigins(), MAX_CORS_ITEMS, MAX_ORIGIN_LENGTH),
                items("cors.exposeHeaders", cors.exposeHeaders(), MAX_CORS_ITEMS, MAX_HEADER_LENGTH),
                cors.maxAge()));
    }

    private static List<String> items(String member, List<String> values, int maxItems, int maxLength) {
        List<String> items = values == null ? List.of() : values;
        if (items.size() > maxItems) {
            throw LambdaException.constraint(member, items, "Member must have length less than or equal to "
                    + maxItems);
        }
        for (String item : items) {
            if (item == null || item.isEmpty() || item.length() > maxLength) {
                throw LambdaException.constraint(member, items, "Member must satisfy constraint: [Member must "
                        + "have length less than or equal to " + maxLength + ", Member must have length greater "
                        + "than or equal to 1]");
            }
        }
        return items;
    }
}
