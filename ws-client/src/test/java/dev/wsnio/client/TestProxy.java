package dev.wsnio.client;

import dev.wsnio.testkit.wire.RawServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small HTTP proxy for CONNECT only, on blocking sockets: it reads the request, checks the
 * credentials when it requires some, resolves and connects to the target itself, answers 200
 * and pipes bytes both ways. It records every request head it read.
 */
final class TestProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final String requiredAuthorization;
    private final Function<String, String> hostMapping;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /**
     * @param requiredAuthorization the Proxy-Authorization value required, or null for none
     * @param hostMapping how the proxy resolves a requested host to one it can connect to
     */
    TestProxy(String requiredAuthorization, Function<String, String> hostMapping) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.hostMapping = hostMapping;
        listening = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        start("proxy-acceptor", () -> {
            while (!listening.isClosed()) {
                Socket client = listening.accept();
                sockets.add(client);
                start("proxy-connection", () -> serve(client));
            }
        });
    }

    int port() {
        return listening.getLocalPort();
    }

    List<String> requests() {
        return requests;
    }

    private interface Body {
        void run() throws IOException;
    }

    private static void start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (IOException e) {
                // the peer or the test closed the socket
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void serve(Socket client) throws IOException {
        RawServer.Peer peer = new RawServer.Peer(client);
        String head = peer.readHead();
        requests.add(head);
        if (!head.startsWith("CONNECT ")) {
            peer.send("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n");
            client.close();
            return;
        }
        String authority = head.substring("CONNECT ".length(), head.indexOf(" HTTP/1.1"));
        if (requiredAuthorization != null
                && !requiredAuthorization.equals(RawServer.Peer.header(head, "Proxy-Authorization"))) {
            peer.send("HTTP/1.1 407 Proxy Authentication Required\r\n"
                    + "Proxy-Authenticate: Basic realm=\"wsnio\"\r\nContent-Length: 0\r\n\r\n");
            client.close();
            return;
        }
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon).replace("[", "").replace("]", "");
        int port = Integer.parseInt(authority.substring(colon + 1));
        Socket target = new Socket();
        sockets.add(target);
        try {
            target.connect(new InetSocketAddress(hostMapping.apply(host), port), 5000);
        } catch (IOException e) {
            peer.send("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
            client.close();
            return;
        }
        peer.send("HTTP/1.1 200 Connection established\r\n\r\n");
        start("proxy-upstream", () -> pipe(target.getInputStream(), client.getOutputStream(), client));
        pipe(client.getInputStream(), target.getOutputStream(), target);
    }

    private static void pipe(InputStream from, OutputStream to, Socket toSocket) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        int count;
        while ((count = from.read(buffer)) >= 0) {
            to.write(buffer, 0, count);
            to.flush();
        }
        toSocket.shutdownOutput();
    }

    @Override
    public void close() throws IOException {
        listening.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
