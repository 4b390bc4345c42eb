package dev.thaw.api;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Lambda REST API over the JDK's HTTP(S) server, one virtual thread per request, for SigV4-signed callers only;
 * and, if asked for, a loopback listener for unsigned metrics.
 */
public final class LambdaApiServer implements AutoCloseable {

    /** The service name clients sign for, as they do for AWS Lambda. */
    public static final String SIGNING_NAME = "lambda";

    private final HttpServer server;
    private final Optional<HttpServer> metricsServer;
    private final ExecutorService executor;

    private LambdaApiServer(HttpServer server, Optional<HttpServer> metricsServer, ExecutorService executor) {
        this.server = server;
        this.metricsServer = metricsServer;
        this.executor = executor;
    }

    /** Binds and starts serving. */
    public static LambdaApiServer start(ApiServerConfig config, ControlPlane controlPlane, OperatorViews operator)
            throws IOException {
        HttpServer server = config.tls().isPresent() ? HttpsServer.create(config.address(), 0)
                : HttpServer.create(config.address(), 0);
        config.tls().ifPresent(tls -> ((HttpsServer) server).setHttpsConfigurator(new HttpsConfigurator(tls)));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        Optional<HttpServer> metricsServer = Optional.empty();
        try {
            Clock clock = Clock.systemUTC();
            AllowedOrigins origins = new AllowedOrigins(config.allowedOrigins());
            List<Route> routes = routes(controlPlane, new CodeLocations(config.tls().isPresent() ? "https" : "http",
                    new Presigner(SIGNING_NAME, clock)));
            routes.addAll(new OperatorRoutes(operator).routes());
            server.setExecutor(executor);
            server.createContext("/", new Router(routes, guard(server, config.publicHosts(), origins),
                    new SignatureVerifier(config.keys(), SIGNING_NAME, clock)));
            if (config.metricsAddress().isPresent()) {
                metricsServer = Optional.of(HttpServer.create(config.metricsAddress().get(), 0));
                metricsServer.get().setExecutor(executor);
                metricsServer.get().createContext("/", new MetricsHandler(guard(metricsServer.get(), List.of(),
                        origins), operator));
                metricsServer.get().start();
            }
            server.start();
            return new LambdaApiServer(server, metricsServer, executor);
        } catch (IOException | RuntimeException e) {
            server.stop(0);
            metricsServer.ifPresent(metrics -> metrics.stop(0));
            executor.shutdownNow();
            throw e;
        }
    }

    /** The browser checks for one listener: its own address and port, and the public host names given. */
    private static BrowserGuard guard(HttpServer listener, List<String> publicHosts, AllowedOrigins origins) {
        InetSocketAddress address = listener.getAddress();
        return new BrowserGuard(AllowedHosts.forListener(address.getAddress(), address.getPort(), publicHosts),
                origins);
    }

    static List<Route> routes(ControlPlane controlPlane, CodeLocations codeLocations) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new FunctionRoutes(controlPlane, codeLocations).routes());
        routes.addAll(new AliasRoutes(controlPlane).routes());
        routes.addAll(new ConcurrencyRoutes(controlPlane).routes());
        routes.addAll(new TagRoutes(controlPlane).routes());
        routes.add(new InvokeRoute(controlPlane).route());
        routes.add(new CodeDownloadRoute(controlPlane).route());
        return routes;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The metrics listener's port, if there is one. */
    public OptionalInt metricsPort() {
        return metricsServer.map(metrics -> OptionalInt.of(metrics.getAddress().getPort())).orElse(OptionalInt.empty());
    }

    @Override
    public void close() {
        server.stop(0);
        metricsServer.ifPresent(metrics -> metrics.stop(0));
        executor.shutdownNow();
    }
}
