package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's extension negotiation (RFC 6455 §9.1): from the client's offers and the
 * server's negotiators, the extensions agreed on, in the order of the response header.
 *
 * <p>The client's order is its preference (§9.1), so offers are considered by the first
 * appearance of each extension name; every offer of that name goes to its negotiator at
 * once. A negotiator is only asked while none of its reserved bits is claimed by an
 * extension already accepted. Names without a negotiator are declined.
 */
final class ServerExtensionNegotiation {

    private final List<ServerExtensionNegotiator> negotiators;

    /**
     * Prepares negotiation with the server's negotiators.
     *
     * @param negotiators the server's negotiators
     * @throws IllegalArgumentException when two negotiators have the same name
     */
    ServerExtensionNegotiation(List<ServerExtensionNegotiator> negotiators) {
        Set<String> names = new HashSet<>();
        for (ServerExtensionNegotiator negotiator : negotiators) {
            if (!names.add(negotiator.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("two negotiators for extension " + negotiator.name());
            }
        }
        this.negotiators = List.copyOf(negotiators);
    }

    /**
     * Negotiates.
     *
     * @param offers the client's offers, in its order
     * @return the agreed extensions with the parameters of the response, in order
     * @throws ExtensionNegotiationException when a negotiator finds an offer malformed
     */
    List<WebSocketExtension> negotiate(List<WebSocketExtension> offers) throws ExtensionNegotiationException {
        Set<ReservedBit> claimed = EnumSet.noneOf(ReservedBit.class);
        List<WebSocketExtension> agreed = new ArrayList<>();
        for (Map.Entry<String, List<ExtensionParameters>> offered : groupByName(offers).entrySet()) {
            Optional<ServerExtensionNegotiator> negotiator = negotiatorFor(offered.getKey());
            if (negotiator.isEmpty() || !Collections.disjoint(claimed, negotiator.get().reservedBits())) {
                continue;
            }
            Optional<ExtensionParameters> accepted = negotiator.get().negotiate(offered.getValue());
            if (accepted.isPresent()) {
                agreed.add(new WebSocketExtension(negotiator.get().name(), accepted.get()));
                claimed.addAll(negotiator.get().reservedBits());
            }
        }
        return List.copyOf(agreed);
    }

    private static Map<String, List<ExtensionParameters>> groupByName(List<WebSocketExtension> offers) {
        Map<String, List<ExtensionParameters>> byName = new LinkedHashMap<>();
        for (WebSocketExtension offer : offers) {
            byName.computeIfAbsent(offer.name().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(offer.parameters());
        }
        return byName;
    }

    private Optional<ServerExtensionNegotiator> negotiatorFor(String name) {
        return negotiators.stream().filter(negotiator -> negotiator.name().equalsIgnoreCase(name)).findFirst();
    }
}
