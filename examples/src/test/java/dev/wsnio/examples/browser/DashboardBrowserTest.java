package dev.wsnio.examples.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.examples.CapturedOutput;
import dev.wsnio.examples.TimestampedLog;
import dev.wsnio.examples.demo.DashboardServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard page in a real browser (headless Chromium, driven through the DevTools
 * protocol) against the demo server: pushed data reaches the charts, the send button's message
 * reaches the server and its answer the page, the page comes back by itself after the server
 * restarts on the same port, and stays closed after the user closes.
 */
@Tag("browser")
@Timeout(60)
class DashboardBrowserTest {

    private static final Duration PUSH_INTERVAL = Duration.ofMillis(100);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String UID = "browser-test";

    private static HeadlessChromium browser;
    private static DevToolsPage page;

    private final CapturedOutput serverLog = new CapturedOutput();
    private DashboardServer server;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start(Path.of("target", "browser", "chromium.log"));
        page = browser.firstPage();
        page.viewport(1280, 800);
    }

    @AfterAll
    static void stopBrowser() throws Exception {
        if (page != null) {
            page.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openDashboard() throws Exception {
        server = startServer(0);
        page.navigate("http://127.0.0.1:" + server.address().getPort() + "/?uid=" + UID);
        page.awaitText("state", "open"::equals, WAIT);
    }

    @AfterEach
    void stopServer() throws Exception {
        page.navigate("about:blank");
        if (server != null) {
            server.close();
        }
    }

    private DashboardServer startServer(int port) {
        return new DashboardServer("127.0.0.1", port, PUSH_INTERVAL, new TimestampedLog(serverLog.stream())).start();
    }

    @Test
    void pushedMetricsReachTheCharts() throws Exception {
        page.awaitAtLeast("metrics-count", 5, WAIT);
        for (String chart : new String[] {"cpu", "heap", "clients", "messages", "orders"}) {
            String points = page.evaluate("document.getElementById('chart-" + chart + "').dataset.points");
            assertTrue(Integer.parseInt(points) >= 5, chart + " chart has " + points + " points");
        }
        assertTrue(Long.parseLong(page.text("received-count")) > Long.parseLong(page.text("metrics-count")),
                "the greeting counts as received too");
        assertEquals("你好, " + UID, page.text("greeting"));
        page.screenshot(Path.of("target", "browser", "dashboard.png"));
    }

    @Test
    void sendButtonMessageReachesTheServerAndItsAnswerThePage() throws Exception {
        page.click("send");

        serverLog.await("text  " + UID + ": 你好服务器", WAIT);
        assertEquals("你好,客户端", page.awaitText("last-reply", "你好,客户端"::equals, WAIT));
    }

    @Test
    void pageReconnectsAfterTheServerRestartsOnTheSamePort() throws Exception {
        int port = server.address().getPort();
        assertEquals("1", page.text("open-count"));
        page.awaitAtLeast("metrics-count", 3, WAIT);

        server.stop(Duration.ofSeconds(2));
        serverLog.await("close " + UID + " 1001", WAIT);
        page.awaitText("state", state -> !state.equals("open"), WAIT);
        assertEquals("5", page.evaluate("document.querySelectorAll('.tile.stale').length"),
                "every tile is marked stale while disconnected");
        assertEquals("1", page.evaluate("document.getElementById('chart-cpu').dataset.gaps"), "the outage starts a gap");
        server = startServer(port);

        page.awaitText("state", "open"::equals, WAIT);
        assertEquals("2", page.awaitText("open-count", "2"::equals, WAIT));
        long metricsBefore = Long.parseLong(page.text("metrics-count"));
        page.awaitAtLeast("metrics-count", metricsBefore + 3, WAIT);
        assertEquals("0", page.evaluate("document.querySelectorAll('.tile.stale').length"));
        assertEquals("1", page.evaluate("document.getElementById('chart-cpu').dataset.gaps"),
                "the gap stays in the chart: no straight line across the outage");
        page.screenshot(Path.of("target", "browser", "dashboard-after-outage.png"));
    }

    @Test
    void theNextTryCountsDownWhileTheServerIsAway() throws Exception {
        server.close();
        server = null;
        // Each refused attempt doubles the wait (0.5 s, 1 s, 2 s, ...): wait for one of a few seconds.
        String retryAt = page.awaitValue("(() => { const at = Number(document.getElementById('retry-in').dataset.retryAt);"
                + " return at - Date.now() > 1500 ? String(at) : ''; })()", at -> !at.isEmpty(), WAIT);
        double first = secondsShown();

        page.awaitValue("document.getElementById('retry-in').textContent",
                text -> text.startsWith("next try in ") && secondsIn(text) < first, WAIT);
        assertEquals(retryAt, page.evaluate("document.getElementById('retry-in').dataset.retryAt"),
                "still the same attempt, counting down");
    }

    @Test
    void unmountingTheComponentClosesItsSocket() throws Exception {
        page.evaluate("window.dashboard.app.unmount()");

        serverLog.await("close " + UID + " 1000", WAIT);
    }

    @Test
    void theDemoServesTheTourWithTheSectionsTheInspectorLinksTo() throws Exception {
        page.navigate("http://127.0.0.1:" + server.address().getPort() + "/tour.html#9-the-closing-handshake-and-its-codes");

        page.awaitValue("document.querySelectorAll('#tour h2').length", count -> Integer.parseInt(count) > 10, WAIT);
        for (String section : new String[] {"4-frames-bit-by-bit", "5-why-clients-mask",
                "6-messages-fragmentation-and-interleaved-control-frames", "7-text-is-utf-8-checked-as-it-arrives",
                "8-ping-pong-and-heartbeats", "9-the-closing-handshake-and-its-codes", "10-permessage-deflate"}) {
            assertEquals("H2", page.evaluate("(document.getElementById('" + section + "') || {tagName: 'none'}).tagName"), section);
        }
        page.screenshot(Path.of("target", "browser", "tour.png"));
    }

    private static double secondsShown() throws Exception {
        return secondsIn(page.text("retry-in"));
    }

    private static double secondsIn(String text) {
        return Double.parseDouble(text.replaceAll("next try in ([0-9.]+) s", "$1"));
    }

    @Test
    void pageStaysClosedAfterTheUserCloses() throws Exception {
        page.click("close");

        serverLog.await("close " + UID + " 1000", WAIT);
        assertEquals("closed", page.text("state"));
        // No reconnect: nothing opens within several first-retry delays (at most 0.5 s each).
        Thread.sleep(1500);
        assertEquals("closed", page.text("state"));
        assertEquals("1", page.text("open-count"));
        assertEquals(1, countOccurrences(serverLog.text(), "open  " + UID));

        page.click("connect");
        page.awaitText("open-count", "2"::equals, WAIT);
    }

    private static int countOccurrences(String text, String piece) {
        int count = 0;
        for (int at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
            count++;
        }
        return count;
    }
}
