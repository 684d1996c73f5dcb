package dev.wsnio.handshake;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A client negotiator for tests: offers fixed parameters, and accepts any response except
 * one holding a parameter named {@code refused}; records the responses it saw.
 */
final class FakeClientNegotiator implements ClientExtensionNegotiator {

    private final String name;
    private final Set<ReservedBit> reservedBits;
    private final List<ExtensionParameters> offers;
    final List<ExtensionParameters> responses = new ArrayList<>();

    FakeClientNegotiator(String name, List<ExtensionParameters> offers, ReservedBit... bits) {
        this.name = name;
        this.offers = List.copyOf(offers);
        this.reservedBits = EnumSet.noneOf(ReservedBit.class);
        this.reservedBits.addAll(List.of(bits));
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
    public List<ExtensionParameters> offers() {
        return offers;
    }

    @Override
    public void checkResponse(ExtensionParameters response) throws ExtensionNegotiationException {
        responses.add(response);
        if (response.has("refused")) {
            throw new ExtensionNegotiationException("refused parameter in response for " + name);
        }
    }
}
