package dev.wsnio.conformance.testee;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.testkit.wire.Side;

/** The testee configurations the cases run against. */
public enum Flavour {
    /** No extension. */
    PLAIN,
    /**
     * permessage-deflate agreed with context takeover in both directions and every message
     * compressed (threshold 0), like an Autobahn category 12 testee.
     */
    DEFLATE;

    /** The extension header both sides agree on in the DEFLATE flavour. */
    public static final String DEFLATE_AGREED = "permessage-deflate";

    /** Our endpoints' permessage-deflate settings in the DEFLATE flavour. */
    public static PerMessageDeflateConfig deflateConfig() {
        return PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0).withSkipIncompressible(false)
                .withNoContextTakeover(false)
                .withRequestPeerNoContextTakeover(false);
    }

    /**
     * Starts a testee of this flavour.
     *
     * @param side our server or our client
     * @return the running testee
     */
    public Testee start(Side side) {
        return switch (this) {
            case PLAIN -> side == Side.SERVER ? new ServerTestee() : new ClientTestee();
            case DEFLATE -> side == Side.SERVER
                    ? new ServerTestee(builder -> builder.permessageDeflate(deflateConfig()), DEFLATE_AGREED)
                    : new ClientTestee(Flavour::withDeflate, DEFLATE_AGREED);
        };
    }

    /**
     * Adds permessage-deflate with the flavour's settings to a client builder.
     *
     * @param builder the client's builder
     * @return the builder
     */
    public static WebSocketClient.Builder withDeflate(WebSocketClient.Builder builder) {
        return builder.permessageDeflate(deflateConfig());
    }
}
