package dev.thaw.api;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * Jetty's own refusals (a malformed request line, headers beyond the size limit, a body that stopped coming) in
 * Lambda's JSON error shape instead of Jetty's HTML page, with a request id, and without the parser's words.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http ? http.getCode()
                : response.getStatus();
        String requestId = UUID.randomUUID().toString();
        LOG.debug("request {} refused by the HTTP layer with status {}", requestId, status,
                request.getAttribute(ERROR_EXCEPTION) instanceof Throwable cause ? cause : null);
        ApiHandler.write(response, requestId, ErrorResponses.of(HttpFault.of(status).exception()), callback);
        return true;
    }
}
