package dev.wsnio.examples.demo.inspector;

import dev.wsnio.handshake.HandshakeRequest;
import dev.wsnio.handshake.NamedValues;
import dev.wsnio.server.UpgradeDecision;
import dev.wsnio.server.UpgradeHook;
import java.util.Base64;
import java.util.Optional;

/**
 * Admits an inspector ({@code /inspect?uid=NAME&connection=7&token=...}) only for the dashboard
 * connection whose page was given that token: any other page, or a guess, gets {@code 403}, with
 * the same answer whichever of the three did not match. The connection is attached to the
 * inspector's socket.
 */
public final class InspectorHook implements UpgradeHook {

    private final InspectableConnections connections;

    /**
     * Creates the hook.
     *
     * @param connections the connections that may be inspected
     */
    public InspectorHook(InspectableConnections connections) {
        this.connections = connections;
    }

    @Override
    public UpgradeDecision decide(HandshakeRequest request) {
        NamedValues query = request.queryParameters();
        Optional<String> uid = query.first("uid");
        Optional<String> connection = query.first("connection");
        Optional<String> token = query.first("token");
        if (uid.isEmpty() || connection.isEmpty() || token.isEmpty()) {
            return UpgradeDecision.reject(400, "uid, connection and token required");
        }
        long id;
        byte[] secret;
        try {
            id = Long.parseLong(connection.get());
            secret = Base64.getUrlDecoder().decode(token.get());
        } catch (IllegalArgumentException e) {
            return UpgradeDecision.reject(400, "connection is a number and token base64url");
        }
        return connections.find(id, uid.get(), secret)
                .map(UpgradeDecision::accept)
                .orElseGet(() -> UpgradeDecision.reject(403, "only the page of a connection may inspect it"));
    }
}
