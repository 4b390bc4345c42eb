package dev.thaw.api;

import dev.thaw.api.auth.AllowedHosts;
import dev.thaw.api.auth.AllowedOrigins;
import dev.thaw.api.auth.BrowserGuard;
import dev.thaw.api.auth.Presigner;
import dev.thaw.api.auth.SignatureVerifier;
import dev.thaw.controlplane.ControlPlane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Lambda REST API over HTTP(S), one virtual thread per request, for SigV4-signed callers only; and, if asked
 * for, a loopback listener for unsigned metrics.
 */
public final class LambdaApiServer implements AutoCloseable {

    /** The service name clients sign for, as they do for AWS Lambda. */
    public static final String SIGNING_NAME = "lambda";

    private final HttpListener api;
    private final Optional<HttpListener> metrics;

    private LambdaApiServer(HttpListener api, Optional<HttpListener> metrics) {
        this.api = api;
        this.metrics = metrics;
    }

    /** Binds and starts serving. */
    public static LambdaApiServer start(ApiServerConfig config, ControlPlane controlPlane, OperatorViews operator)
            throws IOException {
        Clock clock = Clock.systemUTC();
        AllowedOrigins origins = new AllowedOrigins(config.allowedOrigins());
        List<Route> routes = routes(controlPlane, new CodeLocations(config.tls().isPresent() ? "https" : "http",
                new Presigner(SIGNING_NAME, clock)));
        routes.addAll(new OperatorRoutes(operator).routes());
        Router router = new Router(routes, new SignatureVerifier(config.keys(), SIGNING_NAME, clock));
        HttpListener api = HttpListener.start(config.address(), config.tls(), config.limits(),
                bound -> new ApiHandler(guard(bound, config.publicHosts(), origins), config.limits(), clock,
                        router));
        try {
            Optional<HttpListener> metrics = Optional.empty();
            if (config.metricsAddress().isPresent()) {
                metrics = Optional.of(HttpListener.start(config.metricsAddress().get(), Optional.empty(),
                        config.limits(), bound -> new ApiHandler(guard(bound, List.of(), origins), config.limits(),
                                clock, new MetricsHandler(operator))));
            }
            return new LambdaApiServer(api, metrics);
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
    }

    /** The browser checks for one listener: its own address and port, and the public host names given. */
    static BrowserGuard guard(InetSocketAddress bound, List<String> publicHosts, AllowedOrigins origins) {
        return new BrowserGuard(AllowedHosts.forListener(bound.getAddress(), bound.getPort(), publicHosts), origins);
    }

    static List<Route> routes(ControlPlane controlPlane, CodeLocations codeLocations) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new FunctionRoutes(controlPlane, codeLocations).routes());
        routes.addAll(new AliasRoutes(controlPlane).routes());
        routes.addAll(new ConcurrencyRoutes(controlPlane).routes());
        routes.addAll(new TagRoutes(controlPlane).routes());
        routes.addAll(new EventInvokeConfigRoutes(controlPlane).routes());
        routes.add(new InvokeRoute(controlPlane).route());
        routes.add(new CodeDownloadRoute(controlPlane).route());
        return routes;
    }

    public int port() {
        return api.port();
    }

    /** The metrics listener's port, if there is one. */
    public OptionalInt metricsPort() {
        return metrics.map(listener -> OptionalInt.of(listener.port())).orElse(OptionalInt.empty());
    }

    @Override
    public void close() {
        api.close();
        metrics.ifPresent(HttpListener::close);
    }
}
