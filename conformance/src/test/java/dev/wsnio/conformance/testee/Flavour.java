package dev.wsnio.conformance.testee;

import dev.wsnio.client.WebSocketClient;
import dev.wsnio.frame.MessageCompression;
import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.handshake.ExtensionNegotiationException;
import dev.wsnio.handshake.PerMessageDeflateClientNegotiator;
import dev.wsnio.handshake.WebSocketExtension;
import dev.wsnio.testkit.wire.Side;
import java.util.List;
import java.util.function.Function;

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
        return PerMessageDeflateConfig.DEFAULTS.withCompressionThreshold(0)
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
     * Adds permessage-deflate with the flavour's settings to a client builder (the client has
     * no shortcut for it).
     *
     * @param builder the client's builder
     * @return the builder
     */
    public static WebSocketClient.Builder withDeflate(WebSocketClient.Builder builder) {
        return withDeflate(builder, deflateConfig());
    }

    /**
     * Adds permessage-deflate to a client builder.
     *
     * @param builder the client's builder
     * @param config the settings
     * @return the builder
     */
    public static WebSocketClient.Builder withDeflate(WebSocketClient.Builder builder, PerMessageDeflateConfig config) {
        PerMessageDeflateClientNegotiator negotiator = new PerMessageDeflateClientNegotiator(config);
        Function<List<WebSocketExtension>, MessageCompression> factory = agreed -> {
            for (WebSocketExtension extension : agreed) {
                if (extension.hasName(negotiator.name())) {
                    try {
                        return negotiator.newCompression(extension.parameters());
                    } catch (ExtensionNegotiationException e) {
                        throw new IllegalStateException("the negotiator accepted it a moment ago", e);
                    }
                }
            }
            return null;
        };
        return builder.extension(negotiator, factory);
    }
}
