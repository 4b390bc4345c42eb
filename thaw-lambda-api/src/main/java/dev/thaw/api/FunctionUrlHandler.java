package dev.thaw.api;

import dev.thaw.api.auth.AuthException;
import dev.thaw.api.auth.Caller;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.api.auth.SignatureClaim;
import dev.thaw.api.auth.SignatureVerifier;
import dev.thaw.controlplane.FunctionUrlConfig;
import dev.thaw.controlplane.FunctionUrlService;
import dev.thaw.controlplane.InvocationLimits;
import dev.thaw.controlplane.InvocationService;
import dev.thaw.controlplane.InvokeRequest;
import dev.thaw.controlplane.LambdaException;
import dev.thaw.controlplane.UrlAuthType;
import dev.thaw.controlplane.UrlCors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The public listener of function URLs: a request is for the URL its host name or first path segment names, and
 * invokes that URL's function through the same path as Invoke, on the server Invoke would run it on. It serves
 * nothing else: not the Lambda API, not /metrics, no function without a URL. Browsers are welcome here (the URL's
 * Cors settings decide what their pages may read); an AWS_IAM URL needs a SigV4 signature with the server's keys.
 */
final class FunctionUrlHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionUrlHandler.class);

    private final FunctionUrlAddress address;
    private final FunctionUrlService urls;
    private final InvocationService invocations;
    private final RoutedInvocations routing;
    private final SignatureVerifier verifier;
    private final HttpLimits limits;
    private final Clock clock;
    private final String accountId;

    FunctionUrlHandler(FunctionUrlAddress address, FunctionUrlService urls, InvocationService invocations,
                       RoutedInvocations routing, SignatureVerifier verifier, HttpLimits limits, Clock clock,
                       String accountId) {
        this.address = address;
        this.urls = urls;
        this.invocations = invocations;
        this.routing = routing;
        this.verifier = verifier;
        this.limits = limits;
        this.clock = clock;
        this.accountId = accountId;
    }

    /** The parts of the connection the event reports. */
    private record Connection(String sourceIp, String protocol) {
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        RequestHead head = ApiHandler.head(request);
        InputStream body = new TimedBody(Request.asInputStream(request), limits.bodyTimeout(), clock);
        UrlResponse answer;
        try {
            if (request.getHeaders().size() > limits.maxHeaderCount()) {
                throw HttpFault.HEADERS_TOO_LARGE.exception();
            }
            answer = serve(head, body, requestId, new Connection(Request.getRemoteAddr(request),
                    request.getConnectionMetaData().getProtocol()));
        } catch (AuthException e) {
            LOG.debug("function URL request {} refused ({}): {}", requestId, e.failure(), e.getMessage());
            ApiHandler.drain(body);
            answer = UrlFault.FORBIDDEN.response();
        } catch (LambdaException e) {
            answer = UrlFault.of(e.status()).response();
        } catch (IOException e) {
            LOG.debug("function URL request {}: the body could not be read", requestId, e);
            answer = UrlFault.of(ApiHandler.bodyFault(e).exception().status()).response();
        } catch (RuntimeException | Error e) {
            // The path only: the query may hold a presigned signature.
            LOG.error("function URL request {} {} {} failed", requestId, head.method(), head.rawPath(), e);
            answer = UrlFault.FUNCTION_FAILED.response();
        }
        write(response, requestId, answer, callback);
        return true;
    }

    private UrlResponse serve(RequestHead head, InputStream in, String requestId, Connection connection)
            throws IOException {
        FunctionUrlAddress.Target target = address.locate(head).orElseThrow(FunctionUrlHandler::notFound);
        FunctionUrlConfig config = urls.byUrlId(target.urlId()).orElseThrow(FunctionUrlHandler::notFound);
        Optional<UrlCors> cors = config.cors();
        // A browser's preflight carries no credentials, so it is answered before any signature is asked for.
        if (cors.isPresent() && UrlCorsHeaders.isPreflight(head)) {
            return UrlCorsHeaders.preflight(cors.get(), head);
        }
        Optional<SignatureClaim> claim = config.authType() == UrlAuthType.AWS_IAM ? Optional.of(verifier.check(head))
                : Optional.empty();
        byte[] body = Router.readBody(in, InvocationLimits.MAX_SYNC_PAYLOAD, "function URL");
        Optional<Caller> caller = claim.map(signature -> signature.verify(body));
        UrlEvent event = new UrlEvent(head, body, config.urlId(), address.domainName(config.urlId()),
                target.rawPath(), connection.sourceIp(), connection.protocol(), requestId, clock.instant(),
                accountId, caller);
        UrlResponse answer = invoke(config, event, requestId);
        return cors.map(settings -> UrlCorsHeaders.actual(settings, head, answer)).orElse(answer);
    }

    /** Runs where Invoke would run it: on the function's owner among servers sharing a database, when it has room. */
    private UrlResponse invoke(FunctionUrlConfig config, UrlEvent event, String requestId) {
        byte[] payload = event.toJson();
        ApiResponse result;
        try {
            result = routing.invoke(ClusterForwarder.Passed.invocation(config.target(), payload, requestId),
                    () -> RoutedInvocations.response(invocations.invoke(new InvokeRequest(config.target(), null,
                            null, null, payload), requestId)));
        } catch (LambdaException e) {
            LOG.debug("function URL request {}: {} ({})", requestId, e.type(), e.getMessage());
            return UrlFault.of(e.status()).response();
        }
        if (result.status() != 200) {
            LOG.debug("function URL request {}: answered {} by the server it was passed on to", requestId,
                    result.status());
            return UrlFault.of(result.status()).response();
        }
        if (result.headers().containsKey(RoutedInvocations.FUNCTION_ERROR)) {
            return UrlFault.FUNCTION_FAILED.response();
        }
        try {
            return UrlResult.of(result.body());
        } catch (UrlResult.MalformedResult e) {
            LOG.debug("function URL request {}: {}", requestId, e.getMessage());
            return UrlFault.FUNCTION_FAILED.response();
        }
    }

    private static LambdaException notFound() {
        return LambdaException.notFound("no function URL here");
    }

    private static void write(Response response, String requestId, UrlResponse answer, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put(ApiHandler.REQUEST_ID, requestId);
        answer.headers().forEach(header -> response.getHeaders().add(header.name(), header.value()));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
