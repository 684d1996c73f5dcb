package dev.wsnio.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.frame.DeflateWorkspace;
import dev.wsnio.frame.PerMessageDeflate;
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
    void serverAcceptsEverySmallerWindowByRepeatingIt(int bits) throws Exception {
        assertEquals("permessage-deflate; server_max_window_bits=" + bits,
                serverAnswer(WITH_CONTEXT, "permessage-deflate; server_max_window_bits=" + bits));
    }

    @Test
    void serverAcceptsTheFirstOfferOfSection7_1_3sExample() throws Exception {
        assertEquals("permessage-deflate; server_max_window_bits=10", serverAnswer(WITH_CONTEXT,
                "permessage-deflate; client_max_window_bits; server_max_window_bits=10, "
                        + "permessage-deflate; client_max_window_bits"));
    }

    @Test
    void serverAcceptsTheOffersOfAnAutobahnCategory13Client() throws Exception {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=9",
                serverAnswer(PerMessageDeflateConfig.DEFAULTS,
                        "permessage-deflate; client_no_context_takeover; client_max_window_bits; server_max_window_bits=9"));
        assertEquals("permessage-deflate; server_max_window_bits=9", serverAnswer(WITH_CONTEXT,
                "permessage-deflate; client_max_window_bits; server_max_window_bits=9"));
    }

    @Test
    void serverWithASmallerWindowOfItsOwnSaysSoUnaskedAndAnswersTheSmallerOfTheTwo() throws Exception {
        PerMessageDeflateConfig window11 = WITH_CONTEXT.withMaxWindowBits(11);
        assertEquals("permessage-deflate; server_max_window_bits=11", serverAnswer(window11, "permessage-deflate"));
        assertEquals("permessage-deflate; server_max_window_bits=11",
                serverAnswer(window11, "permessage-deflate; server_max_window_bits=13"));
        assertEquals("permessage-deflate; server_max_window_bits=9",
                serverAnswer(window11, "permessage-deflate; server_max_window_bits=9"));
    }

    @Test
    void serverWithoutRoomForContextTakeoverAnswersNoContextTakeoverBothWays() throws Exception {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                serverAnswer(WITH_CONTEXT.withMaxContextTakeoverConnections(0), "permessage-deflate"));
    }

    @Test
    void serverConnectionsCountAgainstTheBudgetUntilReleased() throws Exception {
        PerMessageDeflateServerNegotiator server = new PerMessageDeflateServerNegotiator(
                WITH_CONTEXT.withMaxContextTakeoverConnections(1));
        DeflateWorkspace workspace = new DeflateWorkspace();
        ExtensionParameters first = server.negotiate(elements("permessage-deflate")).orElseThrow();
        assertEquals("", first.toString(), "room for one: context takeover both ways");
        PerMessageDeflate connection = server.newCompression(first, workspace);
        assertEquals(1, server.contextTakeoverBudget().holders());
        ExtensionParameters second = server.negotiate(elements("permessage-deflate")).orElseThrow();
        assertEquals("; server_no_context_takeover; client_no_context_takeover", second.toString(), "the cap is reached");
        PerMessageDeflate without = server.newCompression(second, workspace);
        assertEquals(1, server.contextTakeoverBudget().holders(), "a connection without context holds no place");
        connection.release();
        without.release();
        assertEquals(0, server.contextTakeoverBudget().holders());
        assertEquals("", server.negotiate(elements("permessage-deflate")).orElseThrow().toString());
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
                "permessage-deflate; server_max_window_bits=16, permessage-deflate; x=1"));
    }

    /**
     * Every well-formed offer against every server configuration: the rules of §7.1 for the
     * response, and agreed parameters this server compresses within.
     */
    @Test
    void serverAnswersEveryWellFormedOfferByTheRules() throws Exception {
        List<String> windowChoices = new ArrayList<>(List.of(""));
        for (int bits = 8; bits <= 15; bits++) {
            windowChoices.add(String.valueOf(bits));
        }
        DeflateWorkspace workspace = new DeflateWorkspace();
        int checked = 0;
        for (boolean serverReset : new boolean[] {false, true}) {
            for (boolean askClientReset : new boolean[] {false, true}) {
                for (int wantedClientWindow : new int[] {15, 10, 8}) {
                    for (int ownWindow : new int[] {15, 10}) {
                        PerMessageDeflateConfig config = PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(serverReset)
                                .withRequestPeerNoContextTakeover(askClientReset)
                                .withRequestedPeerMaxWindowBits(wantedClientWindow).withMaxWindowBits(ownWindow);
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
                                            assertTrue(answer.isPresent(), "every well-formed offer is accepted: " + context);
                                            ExtensionParameters response = answer.get();
                                            assertEquals(snct || serverReset, response.has("server_no_context_takeover"), context);
                                            assertEquals(cnct || askClientReset, response.has("client_no_context_takeover"), context);
                                            int serverWindow = Math.min(smwb.isEmpty() ? 15 : Integer.parseInt(smwb), ownWindow);
                                            assertEquals(smwb.isEmpty() && ownWindow == 15 ? Optional.empty()
                                                            : Optional.of(String.valueOf(serverWindow)),
                                                    response.value("server_max_window_bits"), context);
                                            if (!cmwbPresent || wantedClientWindow == 15) {
                                                assertFalse(response.has("client_max_window_bits"), context);
                                            } else {
                                                int offered = cmwb.isEmpty() ? 15 : Integer.parseInt(cmwb);
                                                assertEquals(Optional.of(String.valueOf(Math.min(offered, wantedClientWindow))),
                                                        response.value("client_max_window_bits"), context);
                                            }
                                            PerMessageDeflateParameters agreed = server.agreedParameters(response);
                                            assertEquals(serverWindow, agreed.serverMaxWindowBits(), context);
                                            PerMessageDeflate compression = server.newCompression(response, workspace);
                                            assertEquals(serverWindow, compression.windowBits(), context);
                                            compression.release();
                                            checked++;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // 24 configurations; 2 x 2 x 9 (absent, 8 to 15) x 10 (absent, no value, 8 to 15) offers each
        assertEquals(24 * 360, checked, "every combination was checked");
    }

    // ---------------------------------------------------------------- client: offers

    @Test
    void clientOffersItsDefaultsWithAFallbackWithoutTheRequestToTheServer() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits, "
                + "permessage-deflate; client_no_context_takeover; client_max_window_bits",
                clientOffers(PerMessageDeflateConfig.DEFAULTS));
    }

    @Test
    void clientWithContextTakeoverOffersWhatBrowsersOffer() {
        assertEquals("permessage-deflate; client_max_window_bits", clientOffers(WITH_CONTEXT));
    }

    @Test
    void clientAsksForASmallerServerWindowWithAFallback() {
        assertEquals("permessage-deflate; server_max_window_bits=10; client_max_window_bits, "
                        + "permessage-deflate; client_max_window_bits",
                clientOffers(WITH_CONTEXT.withRequestedPeerMaxWindowBits(10)));
    }

    @Test
    void clientOffersItsOwnWindowLimitAsTheValueOfClientMaxWindowBits() {
        assertEquals("permessage-deflate; client_max_window_bits=11", clientOffers(WITH_CONTEXT.withMaxWindowBits(11)));
        assertEquals("permessage-deflate; client_max_window_bits=11",
                clientOffers(WITH_CONTEXT.withMaxWindowBits(11).withOfferClientMaxWindowBits(false)));
    }

    @Test
    void clientCanLeaveClientMaxWindowBitsOut() {
        assertEquals("permessage-deflate", clientOffers(WITH_CONTEXT.withOfferClientMaxWindowBits(false)));
    }

    @Test
    void clientWithoutRoomForContextTakeoverAsksTheServerForNoContextTakeoverInEveryOffer() {
        assertEquals("permessage-deflate; server_no_context_takeover; client_max_window_bits",
                clientOffers(WITH_CONTEXT.withMaxContextTakeoverConnections(0)));
        assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=9; client_max_window_bits, "
                        + "permessage-deflate; server_no_context_takeover; client_max_window_bits",
                clientOffers(WITH_CONTEXT.withMaxContextTakeoverConnections(0).withRequestedPeerMaxWindowBits(9)));
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
        assertFalse(new PerMessageDeflateClientNegotiator(PerMessageDeflateConfig.DEFAULTS)
                .newCompression(element("permessage-deflate"), new DeflateWorkspace()).keepsContext());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 10, 11, 12, 13, 14, 15})
    void clientCompressesWithinTheWindowTheServerSets(int bits) throws Exception {
        PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(WITH_CONTEXT);
        ExtensionParameters response = element("permessage-deflate; client_max_window_bits=" + bits);
        assertEquals(bits, client.agreedParameters(response).clientMaxWindowBits());
        assertEquals(bits, client.newCompression(response, new DeflateWorkspace()).windowBits());
    }

    @Test
    void clientRefusesAClientWindowLargerThanItOffered() throws Exception {
        PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(WITH_CONTEXT.withMaxWindowBits(10));
        assertThrows(ExtensionNegotiationException.class,
                () -> client.checkResponse(element("permessage-deflate; client_max_window_bits=11")));
        client.checkResponse(element("permessage-deflate; client_max_window_bits=10"));
        assertEquals(9, client.agreedParameters(element("permessage-deflate; client_max_window_bits=9"))
                .clientMaxWindowBits());
        assertEquals(10, client.newCompression(element("permessage-deflate"), new DeflateWorkspace()).windowBits(),
                "our own limit holds when the server sets none");
    }

    @Test
    void clientThatDidNotOfferClientMaxWindowBitsRefusesAResponseWithIt() {
        PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(
                WITH_CONTEXT.withOfferClientMaxWindowBits(false));
        assertThrows(ExtensionNegotiationException.class,
                () -> client.checkResponse(element("permessage-deflate; client_max_window_bits=10")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "client_max_window_bits", "client_max_window_bits=7", "client_max_window_bits=16",
        "server_max_window_bits", "server_max_window_bits=7", "server_max_window_bits=16",
        "server_max_window_bits=abc", "server_max_window_bits=010", "server_no_context_takeover=1",
        "client_no_context_takeover=x", "server_no_context_takeover; server_no_context_takeover",
        "server_max_window_bits=10; server_max_window_bits=10", "x_unknown", "x_unknown=3"})
    void clientRefusesAnInvalidResponse(String parameters) {
        PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(WITH_CONTEXT);
        assertThrows(ExtensionNegotiationException.class,
                () -> client.checkResponse(element("permessage-deflate; " + parameters)));
        assertThrows(ExtensionNegotiationException.class,
                () -> client.newCompression(element("permessage-deflate; " + parameters), new DeflateWorkspace()));
    }

    // ---------------------------------------------------------------- both ends

    /**
     * Every pair of configurations, the settings of every parameter of §7.1 as either end may
     * choose them: both ends agree, and each compresses within the window the other allows.
     */
    @Test
    void bothEndsAgreeOnTheSameParametersForEveryPairOfConfigurations() throws Exception {
        List<PerMessageDeflateConfig> configs = new ArrayList<>();
        for (boolean reset : new boolean[] {false, true}) {
            for (boolean askReset : new boolean[] {false, true}) {
                for (int peerWindow : new int[] {15, 12, 8}) {
                    for (int ownWindow : new int[] {15, 9}) {
                        for (boolean offerClientWindow : new boolean[] {true, false}) {
                            configs.add(PerMessageDeflateConfig.DEFAULTS.withNoContextTakeover(reset)
                                    .withRequestPeerNoContextTakeover(askReset).withRequestedPeerMaxWindowBits(peerWindow)
                                    .withMaxWindowBits(ownWindow).withOfferClientMaxWindowBits(offerClientWindow));
                        }
                    }
                }
            }
        }
        DeflateWorkspace workspace = new DeflateWorkspace();
        for (PerMessageDeflateConfig clientConfig : configs) {
            for (PerMessageDeflateConfig serverConfig : configs) {
                PerMessageDeflateClientNegotiator client = new PerMessageDeflateClientNegotiator(clientConfig);
                PerMessageDeflateServerNegotiator server = new PerMessageDeflateServerNegotiator(serverConfig);
                Optional<ExtensionParameters> response = server.negotiate(client.offers());
                String context = "client " + clientConfig + ", server " + serverConfig;
                assertTrue(response.isPresent(), "the first offer is accepted: " + context);
                PerMessageDeflateParameters agreed = client.agreedParameters(response.get());
                assertEquals(server.agreedParameters(response.get()).serverMaxWindowBits(), agreed.serverMaxWindowBits(),
                        context);
                assertEquals(server.agreedParameters(response.get()).serverNoContextTakeover(),
                        agreed.serverNoContextTakeover(), context);
                assertEquals(clientConfig.noContextTakeover() || serverConfig.requestPeerNoContextTakeover(),
                        agreed.clientNoContextTakeover(), context);
                assertEquals(serverConfig.noContextTakeover() || clientConfig.requestPeerNoContextTakeover(),
                        agreed.serverNoContextTakeover(), context);
                PerMessageDeflate clientSide = client.newCompression(response.get(), workspace);
                PerMessageDeflate serverSide = server.newCompression(response.get(), workspace);
                boolean clientOffersWindow = clientConfig.offerClientMaxWindowBits() || clientConfig.maxWindowBits() < 15;
                assertEquals(Math.min(clientConfig.maxWindowBits(),
                                clientOffersWindow ? serverConfig.requestedPeerMaxWindowBits() : 15),
                        clientSide.windowBits(), context);
                assertEquals(Math.min(serverConfig.maxWindowBits(), clientConfig.requestedPeerMaxWindowBits()),
                        serverSide.windowBits(), context);
                clientSide.release();
                serverSide.release();
            }
        }
    }
}
