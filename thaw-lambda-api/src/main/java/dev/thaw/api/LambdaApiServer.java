package dev.thaw.api;

import dev.thaw.api.auth.AllowedHosts;
import dev.thaw.api.auth.AllowedOrigins;
import dev.thaw.api.auth.BrowserGuard;
import dev.thaw.api.auth.Presigner;
import dev.thaw.api.auth.SignatureVerifier;
import dev.thaw.controlplane.ControlPlane;
import dev.thaw.controlplane.logs.LogsService;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Lambda REST API over HTTP(S), one virtual thread per request, for SigV4-signed callers only, with the reading
 * part of CloudWatch Logs on the same endpoint (told apart by its {@code X-Amz-Target}); the public
 * listener of function URLs; and, if asked for, a loopback listener for unsigned metrics.
 */
public final class LambdaApiServer implements AutoCloseable {

    /** The service name clients sign for, as they do for AWS Lambda. */
    public static final String SIGNING_NAME = "lambda";

    private final HttpListener api;
    private final HttpListener urls;
    private final Optional<HttpListener> metrics;

    private LambdaApiServer(HttpListener api, HttpListener urls, Optional<HttpListener> metrics) {
        this.api = api;
        this.urls = urls;
        this.metrics = metrics;
    }

    /** Binds and starts serving. */
    public static LambdaApiServer start(ApiServerConfig config, ControlPlane controlPlane, OperatorViews operator)
            throws IOException {
        Clock clock = Clock.systemUTC();
        String scheme = config.tls().isPresent() ? "https" : "http";
        SignatureVerifier verifier = new SignatureVerifier(config.keys(), SIGNING_NAME, clock);
        // The URL listener binds first: the API answers its port in every FunctionUrl.
        String region = controlPlane.arns().region();
        RoutedInvocations routing = new RoutedInvocations(controlPlane.cluster(),
                new ClusterForwarder(controlPlane.cluster(), config.keys().primary(), clock));
        HttpListener urls = HttpListener.start(config.urlAddress(), config.tls(), config.limits(),
                bound -> new FunctionUrlHandler(new FunctionUrlAddress(scheme, region, bound.getPort()),
                        controlPlane.functionUrls(), controlPlane.invocations(), routing, verifier, config.limits(),
                        clock, controlPlane.arns().accountId()));
        HttpListener api;
        try {
            api = api(config, controlPlane, operator, clock, verifier,
                    new FunctionUrlAddress(scheme, region, urls.port()), routing);
        } catch (IOException | RuntimeException e) {
            urls.close();
            throw e;
        }
        try {
            Optional<HttpListener> metrics = Optional.empty();
            if (config.metricsAddress().isPresent()) {
                metrics = Optional.of(HttpListener.start(config.metricsAddress().get(), Optional.empty(),
                        config.limits(), bound -> new ApiHandler(guard(bound, List.of(),
                                new AllowedOrigins(config.allowedOrigins())), config.limits(), clock,
                                new MetricsHandler(operator))));
            }
            return new LambdaApiServer(api, urls, metrics);
        } catch (IOException | RuntimeException e) {
            api.close();
            urls.close();
            throw e;
        }
    }

    private static HttpListener api(ApiServerConfig config, ControlPlane controlPlane, OperatorViews operator,
                                    Clock clock, SignatureVerifier verifier, FunctionUrlAddress urlAddress,
                                    RoutedInvocations routing) throws IOException {
        List<Route> routes = routes(controlPlane, new CodeLocations(urlAddress.scheme(),
                new Presigner(SIGNING_NAME, clock)), urlAddress, routing);
        routes.addAll(new OperatorRoutes(operator).routes());
        ClusterClient cluster = new ClusterClient(config.keys().primary(), clock);
        routes.addAll(new ClusterRoutes(controlPlane.cluster(), controlPlane.functions(), operator, cluster).routes());
        ClusterLogs clusterLogs = new ClusterLogs(controlPlane.localLogs(), controlPlane.cluster(), cluster);
        routes.addAll(clusterLogs.routes());
        Router router = new Router(routes, verifier);
        LogsDispatcher logs = new LogsDispatcher(new LogsService(clusterLogs, controlPlane.arns()),
                new SignatureVerifier(config.keys(), LogsDispatcher.SIGNING_NAME, clock));
        ApiHandler.Dispatcher byService = (body, head, requestId) -> LogsDispatcher.targets(head)
                ? logs.dispatch(body, head, requestId) : router.dispatch(body, head, requestId);
        AllowedOrigins origins = new AllowedOrigins(config.allowedOrigins());
        return HttpListener.start(config.address(), config.tls(), config.limits(),
                bound -> new ApiHandler(guard(bound, config.publicHosts(), origins), config.limits(), clock,
                        byService));
    }

    /** The browser checks for one listener: its own address and port, and the public host names given. */
    static BrowserGuard guard(InetSocketAddress bound, List<String> publicHosts, AllowedOrigins origins) {
        return new BrowserGuard(AllowedHosts.forListener(bound.getAddress(), bound.getPort(), publicHosts), origins);
    }

    static List<Route> routes(ControlPlane controlPlane, CodeLocations codeLocations, FunctionUrlAddress urlAddress,
                              RoutedInvocations routing) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new FunctionRoutes(controlPlane, codeLocations).routes());
        routes.addAll(new AliasRoutes(controlPlane).routes());
        routes.addAll(new ConcurrencyRoutes(controlPlane).routes());
        routes.addAll(new TagRoutes(controlPlane).routes());
        routes.addAll(new PolicyRoutes(controlPlane.policies()).routes());
        routes.addAll(new EventInvokeConfigRoutes(controlPlane).routes());
        routes.addAll(new FunctionUrlRoutes(controlPlane, urlAddress).routes());
        routes.addAll(new LayerRoutes(controlPlane.layers(), codeLocations).routes());
        routes.add(new InvokeRoute(controlPlane, routing).route());
        routes.add(new CodeDownloadRoute(controlPlane).route());
        return routes;
    }

    public int port() {
        return api.port();
    }

    /** The function URLs' port. */
    public int urlPort() {
        return urls.port();
    }

    /** The metrics listener's port, if there is one. */
    public OptionalInt metricsPort() {
        return metrics.map(listener -> OptionalInt.of(listener.port())).orElse(OptionalInt.empty());
    }

    @Override
    public void close() {
        api.close();
        urls.close();
        metrics.ifPresent(HttpListener::close);
    }
}
