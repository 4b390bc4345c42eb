package dev.thaw.api;

import dev.thaw.api.auth.AuthException;
import dev.thaw.api.auth.BrowserGuard;
import dev.thaw.api.auth.RequestHead;
import dev.thaw.controlplane.LambdaException;
import org.eclipse.jetty.http.HttpField;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Answering one request, for every listener: the header count limit and the browser checks first, then under a
 * fresh request id (the {@code x-amzn-RequestId} header) what the dispatcher returns or the Lambda error it throws,
 * readable by the pages of an allowed origin. Failures that are not Lambda errors become a ServiceException that
 * tells the client only the request id; the detail goes to the log.
 */
final class ApiHandler extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** An over-long or refused body is still read to its end (up to this much), so the client sees the answer. */
    static final long MAX_DRAIN = 2 * Route.MAX_JSON_BODY;

    static final String REQUEST_ID = "x-amzn-RequestId";

    /** What a listener does with a request that passed the checks common to all. */
    @FunctionalInterface
    interface Dispatcher {
        ApiResponse dispatch(InputStream body, RequestHead head, String requestId) throws IOException;
    }

    private final BrowserGuard guard;
    private final HttpLimits limits;
    private final Clock clock;
    private final Dispatcher dispatcher;

    ApiHandler(BrowserGuard guard, HttpLimits limits, Clock clock, Dispatcher dispatcher) {
        this.guard = guard;
        this.limits = limits;
        this.clock = clock;
        this.dispatcher = dispatcher;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String requestId = UUID.randomUUID().toString();
        RequestHead head = head(request);
        InputStream body = new TimedBody(Request.asInputStream(request), limits.bodyTimeout(), clock);
        ApiResponse answer;
        try {
            if (request.getHeaders().size() > limits.maxHeaderCount()) {
                throw HttpFault.HEADERS_TOO_LARGE.exception();
            }
            guard.admit(head);
            answer = dispatcher.dispatch(body, head, requestId);
        } catch (AuthException e) {
            LOG.debug("request {} {} {} refused ({}): {}", requestId, head.method(), head.rawPath(), e.failure(),
                    e.getMessage());
            drain(body);
            answer = ErrorResponses.refused(e);
        } catch (LambdaException e) {
            answer = ErrorResponses.of(e);
        } catch (IOException e) {
            // The client stopped sending, or went away: it may still be there to read why it is not served.
            LOG.debug("request {} {} {}: the body could not be read", requestId, head.method(), head.rawPath(), e);
            answer = ErrorResponses.of(bodyFault(e).exception());
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, the client gets an answer rather than a dropped connection.
            // The path only: a presigned query holds a signature, which has no place in a log.
            LOG.error("request {} {} {} failed", requestId, head.method(), head.rawPath(), e);
            answer = ErrorResponses.internal(requestId);
        }
        Optional<String> origin = guard.allowedOrigin(head);
        write(response, requestId, origin.isPresent() ? Cors.allow(answer, origin.get()) : answer, callback);
        return true;
    }

    static RequestHead head(Request request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return new RequestHead(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                headers);
    }

    /** A body that stopped coming, or came too slowly, timed out; anything else made it unreadable. */
    static HttpFault bodyFault(IOException failure) {
        boolean timedOut = failure instanceof TimedBody.Expired || failure.getCause() instanceof TimeoutException;
        return timedOut ? HttpFault.REQUEST_TIMEOUT : HttpFault.BAD_REQUEST;
    }

    /** Reads a refused request's body to its end (up to {@link #MAX_DRAIN}), so the client sees the answer. */
    static void drain(InputStream body) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            for (int n = body.read(buffer); n >= 0 && total <= MAX_DRAIN; n = body.read(buffer)) {
                total += n;
            }
        } catch (IOException e) {
            LOG.debug("a refused request's body could not be drained", e);
        }
    }

    static void write(Response response, String requestId, ApiResponse answer, Callback callback) {
        response.setStatus(answer.status());
        response.getHeaders().put(REQUEST_ID, requestId);
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
