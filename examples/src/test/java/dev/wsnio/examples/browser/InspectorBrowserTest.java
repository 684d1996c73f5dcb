package dev.wsnio.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.CapturedOutput;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.demo.DashboardServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The frame inspector in headless Chromium: the panel lists the frames of the page's own
 * connection as the server's codec read and wrote them, the buttons make the frames they
 * promise, and each playground preset gets the close code RFC 6455 requires. One page, one
 * connection, steps in order (the last one closes the connection).
 */
@Tag("browser")
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InspectorBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String UID = "inspector-test";
    /** The rows of the live list, as "dir:opcode:fin:masked" in order. */
    private static final String ROWS = "[...document.querySelectorAll('#frames li.frame')]"
            + ".map(li => [li.dataset.dir, li.dataset.opcode, li.dataset.fin, li.dataset.masked].join(':')).join(',')";

    private static HeadlessChromium browser;
    private static DevToolsPage page;
    private static DashboardServer server;
    private static final CapturedOutput SERVER_LOG = new CapturedOutput();

    @BeforeAll
    static void openThePanel() throws Exception {
        server = new DashboardServer("127.0.0.1", 0, Duration.ofMillis(250), new TimestampedLog(SERVER_LOG.stream())).start();
        browser = HeadlessChromium.start(Path.of("target", "browser", "chromium-inspector.log"));
        page = browser.firstPage();
        page.viewport(1280, 900);
        page.navigate("http://127.0.0.1:" + server.address().getPort() + "/?uid=" + UID);
        page.awaitText("state", "open"::equals, WAIT);
        assertEquals("(none)", page.text("inspector"), "the panel is closed by default");
        page.click("inspector-toggle");
        page.awaitText("inspector-status", status -> status.startsWith("watching connection #"), WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (page != null) {
            page.close();
        }
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    /** The data attributes of the last row matching a CSS selector, as "name=value;...". */
    private static String lastRow(String selector) throws Exception {
        return lastRow(selector, row -> true);
    }

    /** The same, once the row satisfies a condition (a message's text comes after its frame). */
    private static String lastRow(String selector, java.util.function.Predicate<String> condition) throws Exception {
        return page.awaitValue("(() => { const rows = document.querySelectorAll('#frames li.frame" + selector + "');"
                + " const row = rows[rows.length - 1];"
                + " return row ? Object.entries(row.dataset).map(([k, v]) => k + '=' + v).join(';') : ''; })()",
                text -> !text.isEmpty() && condition.test(text), WAIT);
    }

    @Test
    @Order(1)
    void theBrowsersTextFrameIsMaskedWithAFourByteKeyAndTheRepliesAreNot() throws Exception {
        page.click("send");

        String browserText = lastRow("[data-dir=received][data-opcode=text]", row -> row.contains("text=你好服务器"));
        assertTrue(browserText.contains("masked=1"), browserText);
        assertTrue(browserText.matches(".*key=[0-9A-F]{2}( [0-9A-F]{2}){3};.*"), browserText);
        assertTrue(browserText.contains("text=你好服务器"), browserText);
        String reply = page.awaitValue("(() => { const r = [...document.querySelectorAll('#frames li.frame[data-dir=sent]')]"
                + ".find(li => li.dataset.text.includes('你好,客户端')); return r ? r.dataset.masked : ''; })()",
                text -> !text.isEmpty(), WAIT);
        assertEquals("0", reply, "a server never masks");
    }

    @Test
    @Order(2)
    void largeMessagesUseTheSixteenAndSixtyFourBitLengths() throws Exception {
        page.click("make-16bit");
        assertTrue(lastRow("[data-dir=received][data-opcode=binary][data-encoding=\"16-bit\"]").contains("masked=1"));

        page.click("make-64bit");
        String big = lastRow("[data-dir=received][data-opcode=binary][data-encoding=\"64-bit\"]");
        assertTrue(Long.parseLong(big.replaceAll(".*length=(\\d+).*", "$1")) > 65535, big);
    }

    @Test
    @Order(3)
    void theServersFragmentedMessageIsTextFinZeroThenContinuations() throws Exception {
        page.click("ask-fragmented");

        page.awaitValue(ROWS, rows -> rows.contains("sent:text:0:0,sent:continuation:0:0,sent:continuation:1:0"), WAIT);
        String last = lastRow("[data-dir=sent][data-opcode=continuation][data-fin=\"1\"]", row -> !row.endsWith("text="));
        assertTrue(last.contains("text=分片消息: one message, three frames"), last);
    }

    @Test
    @Order(4)
    void theBrowsersPongCarriesThePingsPayload() throws Exception {
        page.click("ask-ping");

        String ping = lastRow("[data-dir=sent][data-opcode=ping]");
        String pong = lastRow("[data-dir=received][data-opcode=pong]");
        String payload = ping.replaceAll(".*;payload=([0-9A-F ]+);.*", "$1");
        assertTrue(pong.contains(";payload=" + payload + ";"), ping + " / " + pong);
        assertTrue(pong.contains("masked=1"), pong);
    }

    @Test
    @Order(5)
    void clickingAFrameShowsItsBitDiagramAndLinksTheTour() throws Exception {
        page.evaluate("[...document.querySelectorAll('#frames li.frame[data-dir=received][data-opcode=text]')].pop().click()");

        page.awaitValue("document.querySelectorAll('#frame-detail table.bits td[colspan]').length", n -> Integer.parseInt(n) >= 7, WAIT);
        String links = page.evaluate("[...document.querySelectorAll('#frame-detail .tour a')].map(a => a.getAttribute('href')).join(' ')");
        assertTrue(links.contains("tour.html#4-frames-bit-by-bit"), links);
        assertTrue(links.contains("tour.html#5-why-clients-mask"), links);
        String masking = page.evaluate("[...document.querySelectorAll('#frame-detail td')]"
                + ".find(td => td.querySelector('.bit-name') && td.querySelector('.bit-name').textContent === 'Masking-key').querySelector('.bit-values').textContent");
        assertTrue(masking.matches("[01]{16}"), "the key's bits as the diagram's row holds them: " + masking);
    }

    @Test
    @Order(6)
    void eachPlaygroundPresetGetsTheCloseCodeTheRfcRequires() throws Exception {
        String[][] presets = {
            {"unmasked", "1002", "UNMASKED_CLIENT_FRAME"},
            {"reserved-opcode", "1002", "RESERVED_OPCODE"},
            {"long-ping", "1002", "CONTROL_FRAME_TOO_LONG"},
            {"fragmented-ping", "1002", "FRAGMENTED_CONTROL_FRAME"},
            {"split-utf8", "1007", "INVALID_UTF8"},
            {"close-1005", "1002", "INVALID_CLOSE_CODE"},
            {"valid", "", ""},
        };
        for (String[] preset : presets) {
            String runs = page.evaluate("(document.getElementById('playground-result') || {dataset: {run: '0'}}).dataset.run");
            page.evaluate("document.querySelector('.preset[data-preset=\"" + preset[0] + "\"]').click()");
            page.awaitValue("(document.getElementById('playground-result') || {dataset: {run: '0'}}).dataset.run",
                    run -> !run.equals(runs), WAIT);
            assertEquals(preset[1], page.evaluate("document.getElementById('playground-result').dataset.closeCode"), preset[0]);
            assertEquals(preset[2], page.evaluate("document.getElementById('playground-result').dataset.error"), preset[0]);
        }
        page.evaluate("document.querySelector('.preset[data-preset=\"split-utf8\"]').click()");
        page.awaitValue("document.getElementById('playground-result').dataset.error", "INVALID_UTF8"::equals, WAIT);
        page.evaluate("document.querySelector('#frames li.frame[data-dir=received][data-opcode=text]').click()");
        page.awaitValue("document.querySelectorAll('#frame-detail table.bits').length", "1"::equals, WAIT);
        page.screenshot(Path.of("target", "browser", "inspector.png"));
    }

    @Test
    @Order(7)
    void aCloseWithCode1000IsShownBothWays() throws Exception {
        page.evaluate("(() => { const code = document.getElementById('close-code'); code.value = '1000';"
                + " code.dispatchEvent(new Event('input')); })()");
        page.click("close-with-code");

        String browserClose = lastRow("[data-dir=received][data-opcode=close]");
        String serverClose = lastRow("[data-dir=sent][data-opcode=close]");
        assertTrue(browserClose.contains("closeCode=1000") && browserClose.contains("masked=1"), browserClose);
        assertTrue(serverClose.contains("closeCode=1000") && serverClose.contains("masked=0"), serverClose);
        SERVER_LOG.await("close " + UID + " 1000", WAIT);
        assertEquals("closed", page.text("state"));
    }
}
