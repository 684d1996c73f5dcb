package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.PerMessageDeflateConfig;
import dev.wsnio.frame.PerMessageDeflateParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** permessage-deflate's negotiation, RFC 7692 §5 and §7.1, from both ends. */
class PerMessageDeflateNegotiationTest {

    /** Context takeover allowed both ways, nothing asked of the peer. */
    private static final PerMessageDeflateConfig WITH_CONTEXT = PerMessageDeflateConfig.DEFAULTS
            .withNoContextTakeover(false).withRequestPeerNoContextTakeover(false);

    /** The parameters of each permessage-deflate element of a header value. */
    private static List<ExtensionParameters> elements(String headerValue) throws ExtensionNegotiationException {
        return ExtensionHeader.parse(List.of(headerValue)).stream().map(WebSocketExtension::parameters).toList();
    }

    /** The parameters of a single element, such as {@code permessage-deflate; server_no_context_takeover}. */
    private static ExtensionParameters element(String headerValue) throws ExtensionNegotiationException {
        List<ExtensionParameters> elements = elements(headerValue);
        assertEquals(1, elements.size());
        return elements.get(0);
    }

    /** What a server with this config answers, as a header value, or "declined". */
    private static String serverAnswer(PerMessageDeflateConfig config, String offersHeader)
            throws ExtensionNegotiationException {
        Optional<ExtensionParameters> response = new PerMessageDeflateServerNegotiator(config)
                .negotiate(elements(offersHeader));
        return response.map(parameters -> "permessage-deflate" + parameters).orElse("declined");
    }

    private static String clientOffers(PerMessageDeflateConfig config) {
        PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(config);
        return ExtensionHeader.format(client.offers().stream()
                .map(offer -> new WebSocketExtension(client.name(), offer)).toList());
    }

    private static PerMessageDeflateParameters clientAgreed(PerMessageDeflateConfig config, String response)
            throws ExtensionNegotiationException {
        return new PerMessageDeflateClientNegotiator(config).agreedParameters(element(response));
    }

    // ---------------------------------------------------------------- server: accepted offers

    @Test
    void serverAcceptsAPlainOfferWithItsDefaultsAskingNoContextTakeoverBothWays() throws Exception {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                serverAnswer(PerMessageDeflateConfig.DEFAULTS, "permessage-deflate"));
    }

    @Test
    void serverWithContextTakeoverAcceptsAPlainOfferWithoutParameters() throws Exception {
        assertEquals("permessage-deflate", serverAnswer(WITH_CONTEXT, "permessage-deflate"));
    }

    @Test
    void serverAcceptsServerNoContextTakeoverByRepeatingIt() throws Exception {
        assertEquals("permessage-deflate; server_no_context_takeover",
                serverAnswer(WITH_CONTEXT, "permessage-deflate; server_no_context_takeover"));
    }

    @Test
    void serverConfirmsTheClientsNoContextTakeoverHint() throws Exception {
        assertEquals("permessage-deflate; client_no_context_takeover",
                serverAnswer(WITH_CONTEXT, "permessage-deflate; client_no_context_takeover"));
    }

    @Test
    void serverAcceptsServerMaxWindowBitsOf15ByRepeatingIt() throws Exception {
        assertEquals("permessage-deflate; server_max_window_bits=15",
                serverAnswer(WITH_CONTEXT, "permessage-deflate; server_max_window_bits=15"));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14})
    void serverDeclinesAWindowItCannotCompressWith(int bits) throws Exception {
        assertEquals("declined", serverAnswer(WITH_CONTEXT, "permessage-deflate; server_max_window_bits=" + bits));
    }

    @Test
    void serverTakesTheNextOfferWhenTheFirstAsksForASmallerWindow() throws Exception {
        // RFC 7692 §7.1.3's example of an offer with a fallback
        assertEquals("permessage-deflate", serverAnswer(WITH_CONTEXT,
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, "
                        + "permessage-deflate; client_max_window_bits"));
    }

    @Test
    void serverLeavesOutClientMaxWindowBitsUnlessItWantsALimit() throws Exception {
        assertEquals("permessage-deflate", serverAnswer(WITH_CONTEXT, "permessage-deflate; client_max_window_bits"));
        assertEquals("permessage-deflate", serverAnswer(WITH_CONTEXT, "permessage-deflate; client_max_window_bits=9"));
    }

    @Test
    void serverAsksForASmallerClientWindowOnlyWhenTheClientOfferedTheParameter() throws Exception {
        PerMessageDeflateConfig wants10 = WITH_CONTEXT.withRequestedPeerMaxWindowBits(10);
        assertEquals("permessage-deflate; client_max_window_bits=10",
                serverAnswer(wants10, "permessage-deflate; client_max_window_bits"));
        assertEquals("permessage-deflate; client_max_window_bits=10",
                serverAnswer(wants10, "permessage-deflate; client_max_window_bits=12"));
        assertEquals("permessage-deflate; client_max_window_bits=9",
                serverAnswer(wants10, "permessage-deflate; client_max_window_bits=9"));
        // §7.1.2.2: a response MUST NOT include it when the offer did not
        assertEquals("permessage-deflate", serverAnswer(wants10, "permessage-deflate"));
    }

    @Test
    void serverAcceptsQuotedValuesAndNamesInAnyCase() throws Exception {
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=15",
                serverAnswer(WITH_CONTEXT, "permessage-deflate; Server_No_Context_Takeover; server_max_window_bits=\"15\""));
    }

    // ---------------------------------------------------------------- server: declined offers

    @ParameterizedTest
    @ValueSource(strings = {
        "server_max_window_bits=7", "server_max_window_bits=16", "server_max_window_bits=abc",
        "server_max_window_bits=08", "server_max_window_bits=0", "server_max_window_bits=-9",
        "server_max_window_bits", "client_max_window_bits=7", "client_max_window_bits=16",
        "client_max_window_bits=abc", "client_max_window_bits=015", "server_no_context_takeover=1",
        "client_no_context_takeover=true", "server_no_context_takeover; server_no_context_takeover",
        "client_max_window_bits; client_max_window_bits=10", "server_max_window_bits=15; SERVER_MAX_WINDOW_BITS=15",
        "x_unknown", "x_unknown=1", "mux"})
    void serverDeclinesAMalformedOfferAndTakesTheNext(String parameters) throws Exception {
        assertEquals("declined", serverAnswer(WITH_CONTEXT, "permessage-deflate; " + parameters));
        assertEquals("permessage-deflate; client_no_context_takeover", serverAnswer(WITH_CONTEXT,
                "permessage-deflate; " + parameters + ", permessage-deflate; client_no_context_takeover"));
    }

    @Test
    void serverWithoutAnAcceptableOfferDeclines() throws Exception {
        assertEquals("declined", serverAnswer(PerMessageDeflateConfig.DEFAULTS,
                "permessage-deflate; server_max_window_bits=9, permessage-deflate; x=1"));
    }

    /**
     * Every well-formed offer against every server configuration: the rules of §7.1 for the
     * response, and agreed parameters this server can compress with.
     */
    @Test
    void serverAnswersEveryWellFormedOfferByTheRules() throws Exception {
        List<String> windowChoices = new ArrayList<>(List.of(""));
        for (int bits = 8; bits <= 15; bits++) {
            windowChoices.add(String.valueOf(bits));
        }
        int checked = 0;
        for (boolean serverReset : new boolean[] {false, true}) {
            for (boolean askClientReset : new boolean[] {false, true}) {
                for (int wantedClientWindow : new int[] {15, 10, 8}) {
                    PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(serverReset)
                            .withRequestPeerNoContextTakeover(askClientReset).withRequestedPeerMaxWindowBits(wantedClientWindow);
                    PerMessageDeflateServerNegotiator server = new PerMessageDeflateServerNegotiator(config);
                    for (boolean snct : new boolean[] {false, true}) {
                        for (boolean cnct : new boolean[] {false, true}) {
                            for (String smwb : windowChoices) {
                                for (String cmwb : windowChoices) {
                                    for (boolean cmwbPresent : new boolean[] {false, true}) {
                                        if (!cmwbPresent && !cmwb.isEmpty()) {
                                            continue;
                                        }
                                        ExtensionParameters offer = ExtensionParameters.empty();
                                        offer = snct ? offer.with("server_no_context_takeover") : offer;
                                        offer = cnct ? offer.with("client_no_context_takeover") : offer;
                                        offer = smwb.isEmpty() ? offer : offer.with("server_max_window_bits", smwb);
                                        offer = !cmwbPresent ? offer : cmwb.isEmpty()
                                                ? offer.with("client_max_window_bits") : offer.with("client_max_window_bits", cmwb);
                                        Optional<ExtensionParameters> answer = server.negotiate(List.of(offer));
                                        String context = "offer" + offer + " config " + config;
                                        boolean smallWindow = !smwb.isEmpty() && Integer.parseInt(smwb) < 15;
                                        assertEquals(smallWindow, answer.isEmpty(), context);
                                        if (answer.isEmpty()) {
                                            continue;
                                        }
                                        ExtensionParameters response = answer.get();
                                        assertEquals(snct || serverReset, response.has("server_no_context_takeover"), context);
                                        assertEquals(cnct || askClientReset, response.has("client_no_context_takeover"), context);
                                        assertEquals(smwb.isEmpty() ? Optional.empty() : Optional.of("15"),
                                                response.value("server_max_window_bits"), context);
                                        if (!cmwbPresent || wantedClientWindow == 15) {
                                            assertFalse(response.has("client_max_window_bits"), context);
                                        } else {
                                            int offered = cmwb.isEmpty() ? 15 : Integer.parseInt(cmwb);
                                            assertEquals(Optional.of(String.valueOf(Math.min(offered, wantedClientWindow))),
                                                    response.value("client_max_window_bits"), context);
                                        }
                                        PerMessageDeflateParameters agreed = server.agreedParameters(response);
                                        assertEquals(15, agreed.serverMaxWindowBits(), context);
                                        server.newCompression(response).release();
                                        checked++;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // 12 configurations; 2 x 2 x 2 (absent or 15) x 10 (absent, no value, 8 to 15) accepted offers each
        assertEquals(12 * 80, checked, "every accepted combination was checked");
    }

    // ---------------------------------------------------------------- client: offers

    @Test
    void clientOffersItsDefaultsWithAFallbackWithoutTheRequestToTheServer() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover, "
                + "permessage-deflate; client_no_context_takeover", clientOffers(PerMessageDeflateConfig.DEFAULTS));
    }

    @Test
    void clientWithContextTakeoverOffersOnePlainOffer() {
        assertEquals("permessage-deflate", clientOffers(WITH_CONTEXT));
    }

    @Test
    void clientAsksForASmallerServerWindowWithAFallback() {
        assertEquals("permessage-deflate; server_max_window_bits=10, permessage-deflate",
                clientOffers(WITH_CONTEXT.withRequestedPeerMaxWindowBits(10)));
    }

    @Test
    void clientNeverOffersClientMaxWindowBits() {
        for (boolean reset : new boolean[] {false, true}) {
            for (boolean askReset : new boolean[] {false, true}) {
                for (int window = 8; window <= 15; window++) {
                    String offers = clientOffers(PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(reset)
                            .withRequestPeerNoContextTakeover(askReset).withRequestedPeerMaxWindowBits(window));
                    assertFalse(offers.contains("client_max_window_bits"), offers);
                }
            }
        }
    }

    // ---------------------------------------------------------------- client: responses

    @Test
    void clientAcceptsAPlainResponse() throws Exception {
        assertEquals(PerMessageDeflateParameters.DEFAULTS, clientAgreed(WITH_CONTEXT, "permessage-deflate"));
    }

    @Test
    void clientAcceptsEveryParameterAServerMayAddUnasked() throws Exception {
        assertEquals(new PerMessageDeflateParameters(true, true, 9, 15), clientAgreed(WITH_CONTEXT,
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9"));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void clientAcceptsAnyServerWindowBecauseItsInflaterDecodesAll(int bits) throws Exception {
        assertEquals(bits, clientAgreed(WITH_CONTEXT.withRequestedPeerMaxWindowBits(10),
                "permessage-deflate; server_max_window_bits=" + bits).serverMaxWindowBits());
    }

    @Test
    void clientKeepsItsNoContextTakeoverPromiseWhenTheServerDoesNotRepeatIt() throws Exception {
        PerMessageDeflateParameters agreed = clientAgreed(PerMessageDeflateConfig.DEFAULTS, "permessage-deflate");
        assertTrue(agreed.clientNoContextTakeover());
        assertFalse(agreed.serverNoContextTakeover(), "the server declined our request; the fallback applies");
        assertTrue(new PerMessageDeflateClientNegotiator(PerMessageDeflateConfig.DEFAULTS)
                .newCompression(element("permessage-deflate")).resetsContextEachMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "client_max_window_bits=10", "client_max_window_bits=15", "client_max_window_bits",
        "server_max_window_bits", "server_max_window_bits=7", "server_max_window_bits=16",
        "server_max_window_bits=abc", "server_max_window_bits=010", "server_no_context_takeover=1",
        "client_no_context_takeover=x", "server_no_context_takeover; server_no_context_takeover",
        "server_max_window_bits=10; server_max_window_bits=10", "x_unknown", "x_unknown=3"})
    void clientRefusesAnInvalidResponse(String parameters) {
        PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(WITH_CONTEXT);
        assertThrows(ExtensionNegotiationException.class,
                () -> client.checkResponse(element("permessage-deflate; " + parameters)));
        assertThrows(ExtensionNegotiationException.class,
                () -> client.newCompression(element("permessage-deflate; " + parameters)));
    }

    // ---------------------------------------------------------------- both ends

    @Test
    void bothEndsAgreeOnTheSameParametersForEveryPairOfConfigurations() throws Exception {
        List<PerMessageDeflateConfig> configs = new ArrayList<>();
        for (boolean reset : new boolean[] {false, true}) {
            for (boolean askReset : new boolean[] {false, true}) {
                for (int window : new int[] {15, 12, 8}) {
                    configs.add(PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(reset)
                            .withRequestPeerNoContextTakeover(askReset).withRequestedPeerMaxWindowBits(window));
                }
            }
        }
        for (PerMessageDeflateConfig clientConfig : configs) {
            for (PerMessageDeflateConfig serverConfig : configs) {
                PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(clientConfig);
                PerMessageDeflateServerNegotiator server = new PerMessageDeflateServerNegotiator(serverConfig);
                Optional<ExtensionParameters> response = server.negotiate(client.offers());
                String context = "client " + clientConfig + ", server " + serverConfig;
                assertTrue(response.isPresent(), "the fallback is always acceptable: " + context);
                assertEquals(server.agreedParameters(response.get()), client.agreedParameters(response.get()), context);
                assertEquals(clientConfig.noContextTakeover() || serverConfig.requestPeerNoContextTakeover(),
                        client.agreedParameters(response.get()).clientNoContextTakeover(), context);
                assertEquals(serverConfig.noContextTakeover()
                                || clientConfig.requestPeerNoContextTakeover() && clientConfig.requestedPeerMaxWindowBits() == 15,
                        client.agreedParameters(response.get()).serverNoContextTakeover(), context);
            }
        }
    }
}
