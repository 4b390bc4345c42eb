package dev.thaw.api;

import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * One HTTP(S) listener on Jetty, each request on a virtual thread, within the {@link HttpLimits}. It binds before
 * its handler is made, so the handler can know the port it answers on.
 */
final class HttpListener implements AutoCloseable {

    private final Server server;
    private final ServerConnector connector;

    private HttpListener(Server server, ServerConnector connector) {
        this.server = server;
        this.connector = connector;
    }

    /** Binds {@code address}, then serves what {@code handlerFor} makes for the bound address. */
    static HttpListener start(InetSocketAddress address, Optional<SSLContext> tls, HttpLimits limits,
                              Function<InetSocketAddress, Handler> handlerFor) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("thaw-http");
        threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
        Server server = new Server(threads);
        ServerConnector connector = connector(server, tls, limits);
        connector.setHost(address.getAddress().getHostAddress());
        connector.setPort(address.getPort());
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        try {
            connector.open();
            server.setHandler(handlerFor.apply(new InetSocketAddress(address.getAddress(),
                    connector.getLocalPort())));
            server.start();
            return new HttpListener(server, connector);
        } catch (Exception e) {
            stop(server);
            throw e instanceof IOException io ? io : new IOException("cannot start the HTTP listener on "
                    + address, e);
        }
    }

    private static ServerConnector connector(Server server, Optional<SSLContext> tls, HttpLimits limits) {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(limits.maxHeaderBytes());
        http.setIdleTimeout(limits.idleTimeout().toMillis());
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Paths are split and decoded by the router (an encoded slash stays inside its segment, as in an ARN);
        // what Jetty would refuse as ambiguous is only ever a name the router then checks.
        http.setUriCompliance(UriCompliance.UNSAFE);
        HttpConnectionFactory plain = new HttpConnectionFactory(http);
        if (tls.isEmpty()) {
            return new ServerConnector(server, plain);
        }
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Clients reach the server by IP address as often as by the certificate's name; the Host checks decide.
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server context = new SslContextFactory.Server();
        context.setSslContext(tls.get());
        return new ServerConnector(server, new SslConnectionFactory(context, plain.getProtocol()), plain);
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stop(server);
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the HTTP listener", e);
        }
    }
}
