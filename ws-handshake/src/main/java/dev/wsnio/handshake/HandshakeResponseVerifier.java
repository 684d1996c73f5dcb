package dev.wsnio.handshake;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The client's checks of the server's response (RFC 6455 §4.1, the steps after "the client
 * MUST validate the server's response as follows"), in the RFC's order.
 */
final class HandshakeResponseVerifier {

    private final WebSocketKey key;
    private final List<String> offeredSubprotocols;
    private final List<ClientExtensionNegotiator> negotiators;

    HandshakeResponseVerifier(WebSocketKey key, List<String> offeredSubprotocols,
            List<ClientExtensionNegotiator> negotiators) {
        this.key = key;
        this.offeredSubprotocols = List.copyOf(offeredSubprotocols);
        this.negotiators = List.copyOf(negotiators);
    }

    /**
     * Verifies a response.
     *
     * @param response the parsed response head
     * @return what the handshake established
     * @throws HandshakeFailedException when a check fails
     */
    CompletedHandshake verify(HttpResponseHead response) throws HandshakeFailedException {
        HttpHeaders headers = response.headers();
        if (response.status() != HttpStatus.SWITCHING_PROTOCOLS) {
            // step 1: any other status is handled per HTTP, never as a WebSocket
            throw fail(HandshakeFailure.UNEXPECTED_STATUS, response,
                    "status " + response.status() + " " + response.reasonPhrase());
        }
        List<String> upgrade = headers.tokens(HeaderNames.UPGRADE);
        if (upgrade.size() != 1 || !upgrade.get(0).equalsIgnoreCase("websocket")) {
            // step 2
            throw fail(HandshakeFailure.MISSING_UPGRADE, response, "Upgrade " + upgrade);
        }
        if (!headers.containsToken(HeaderNames.CONNECTION, "upgrade")) {
            // step 3
            throw fail(HandshakeFailure.BAD_CONNECTION_HEADER, response,
                    "Connection " + headers.all(HeaderNames.CONNECTION));
        }
        if (!headers.all(HeaderNames.SEC_WEBSOCKET_ACCEPT).equals(List.of(key.acceptValue()))) {
            // step 4; §11.3.3: the header MUST NOT appear more than once
            throw fail(HandshakeFailure.BAD_ACCEPT, response,
                    "Sec-WebSocket-Accept " + headers.all(HeaderNames.SEC_WEBSOCKET_ACCEPT));
        }
        List<WebSocketExtension> extensions = agreedExtensions(response);
        Optional<String> subprotocol = selectedSubprotocol(response);
        return new CompletedHandshake(response, subprotocol, extensions);
    }

    /** Step 5: only extensions offered, each once, no two on the same reserved bit. */
    private List<WebSocketExtension> agreedExtensions(HttpResponseHead response) throws HandshakeFailedException {
        List<WebSocketExtension> agreed;
        try {
            agreed = ExtensionHeader.parse(response.headers().all(HeaderNames.SEC_WEBSOCKET_EXTENSIONS));
        } catch (ExtensionNegotiationException e) {
            throw new HandshakeFailedException(HandshakeFailure.MALFORMED_RESPONSE, e.getMessage(), response, e);
        }
        Set<String> seen = new HashSet<>();
        Set<ReservedBit> claimed = EnumSet.noneOf(ReservedBit.class);
        for (WebSocketExtension extension : agreed) {
            ClientExtensionNegotiator negotiator = negotiators.stream()
                    .filter(candidate -> extension.hasName(candidate.name()))
                    .findFirst()
                    .orElseThrow(() -> fail(HandshakeFailure.UNEXPECTED_EXTENSION, response,
                            extension.name() + " was not offered"));
            if (!seen.add(extension.name().toLowerCase(Locale.ROOT))) {
                throw fail(HandshakeFailure.UNEXPECTED_EXTENSION, response, extension.name() + " accepted twice");
            }
            if (!Collections.disjoint(claimed, negotiator.reservedBits())) {
                throw fail(HandshakeFailure.UNEXPECTED_EXTENSION, response,
                        extension.name() + " claims a reserved bit already in use");
            }
            claimed.addAll(negotiator.reservedBits());
            try {
                negotiator.checkResponse(extension.parameters());
            } catch (ExtensionNegotiationException e) {
                throw new HandshakeFailedException(HandshakeFailure.UNACCEPTABLE_EXTENSION, e.getMessage(),
                        response, e);
            }
        }
        return agreed;
    }

    /** Step 6: one subprotocol, one the client offered; none when the header is absent. */
    private Optional<String> selectedSubprotocol(HttpResponseHead response) throws HandshakeFailedException {
        List<String> selected = response.headers().all(HeaderNames.SEC_WEBSOCKET_PROTOCOL);
        if (selected.isEmpty()) {
            return Optional.empty();
        }
        if (selected.size() != 1 || !offeredSubprotocols.contains(selected.get(0))) {
            throw fail(HandshakeFailure.UNEXPECTED_SUBPROTOCOL, response, "Sec-WebSocket-Protocol " + selected);
        }
        return Optional.of(selected.get(0));
    }

    private static HandshakeFailedException fail(HandshakeFailure reason, HttpResponseHead response, String detail) {
        return new HandshakeFailedException(reason, detail, response, null);
    }
}
