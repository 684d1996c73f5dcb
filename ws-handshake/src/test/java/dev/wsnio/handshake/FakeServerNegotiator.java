package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A server negotiator for tests: accepts the first offer with fixed response parameters,
 * declines, or finds the offers malformed; records every call.
 */
final class FakeServerNegotiator implements ServerExtensionNegotiator {

    private enum Behaviour { ACCEPT, DECLINE, FIND_MALFORMED }

    private final String name;
    private final Set<ReservedBit> reservedBits;
    private final Behaviour behaviour;
    private final ExtensionParameters response;
    final List<List<ExtensionParameters>> calls = new ArrayList<>();

    private FakeServerNegotiator(String name, Set<ReservedBit> reservedBits, Behaviour behaviour,
            ExtensionParameters response) {
        this.name = name;
        this.reservedBits = reservedBits;
        this.behaviour = behaviour;
        this.response = response;
    }

    static FakeServerNegotiator accepting(String name, ExtensionParameters response, ReservedBit... bits) {
        return new FakeServerNegotiator(name, bitSet(bits), Behaviour.ACCEPT, response);
    }

    static FakeServerNegotiator declining(String name, ReservedBit... bits) {
        return new FakeServerNegotiator(name, bitSet(bits), Behaviour.DECLINE, ExtensionParameters.empty());
    }

    static FakeServerNegotiator findingOffersMalformed(String name) {
        return new FakeServerNegotiator(name, Set.of(), Behaviour.FIND_MALFORMED, ExtensionParameters.empty());
    }

    private static Set<ReservedBit> bitSet(ReservedBit... bits) {
        Set<ReservedBit> set = EnumSet.noneOf(ReservedBit.class);
        set.addAll(List.of(bits));
        return set;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<ReservedBit> reservedBits() {
        return reservedBits;
    }

    @Override
    public Optional<ExtensionParameters> negotiate(List<ExtensionParameters> offers)
            throws ExtensionNegotiationException {
        calls.add(offers);
        return switch (behaviour) {
            case ACCEPT -> Optional.of(response);
            case DECLINE -> Optional.empty();
            case FIND_MALFORMED -> throw new ExtensionNegotiationException("malformed offer for " + name);
        };
    }
}
