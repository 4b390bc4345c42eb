package dev.thaw.api;

import com.sun.net.httpserver.HttpServer;
import dev.thaw.controlplane.ControlPlane;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The Lambda REST API over the JDK's HTTP server, one virtual thread per request. */
public final class LambdaApiServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LambdaApiServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts serving; port 0 picks a free port. */
    public static LambdaApiServer start(String bindAddress, int port, ControlPlane controlPlane,
                                        OperatorViews operator) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        List<Route> routes = routes(controlPlane);
        routes.addAll(new OperatorRoutes(operator).routes());
        server.createContext("/", new Router(routes));
        server.start();
        return new LambdaApiServer(server, executor);
    }

    static List<Route> routes(ControlPlane controlPlane) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(new FunctionRoutes(controlPlane).routes());
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

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
