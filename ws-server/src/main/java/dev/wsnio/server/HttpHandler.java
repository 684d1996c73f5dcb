package dev.wsnio.server;


/**
 * Answers a plain HTTP request on the server's port (the routes that sit beside the WebSocket
 * endpoints, like {@code GET /} in the notes' Express example).
 *
 * <p>Runs on the connection's event loop thread: it must answer quickly and not block. This is
 * meant for a page, a few static files and small endpoints, not for a web application.
 */
@FunctionalInterface
public interface HttpHandler {

    /**
     * Answers a request.
     *
     * @param request the request, with its body if it had one
     * @return the response; {@code Content-Length} is set from its body
     */
    HttpResponse handle(HttpRequest request);
}
