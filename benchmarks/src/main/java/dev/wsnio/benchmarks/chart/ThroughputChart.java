package dev.wsnio.benchmarks.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws throughput (frames per second, log scale) against payload size (log scale) for the
 * decode and encode benchmarks of a JMH JSON result, one panel per direction, one line per
 * implementation, into a PNG. Pure Java2D, headless.
 *
 * <p>Frames per second rather than bytes per second: an unmasked large frame is sent without
 * touching its payload (a gathering write), so "payload bytes per second" would claim a
 * bandwidth that no byte travelled.
 *
 * <p>Usage: {@code java -Djava.awt.headless=true -cp benchmarks.jar
 * dev.wsnio.benchmarks.chart.ThroughputChart chart.png "caption" result.json...}
 */
public final class ThroughputChart {

    private static final int PANEL_WIDTH = 640;
    private static final int PANEL_HEIGHT = 420;
    private static final int COLUMNS = 2;
    private static final int TITLE_HEIGHT = 50;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 110;

    /** A line: a method and how it is drawn. */
    private record Series(String method, String label, Color color, boolean dashed) {
    }

    /** A panel: one benchmark class with fixed parameters, payload size on the x axis. */
    private record Panel(String title, String benchmarkClass, Map<String, String> fixed, List<Series> series) {
    }

    private static final Color WSNIO = new Color(0x1f, 0x5f, 0xbf);
    private static final Color WSNIO_SESSION = new Color(0x5f, 0xa8, 0xff);
    private static final Color NETTY = new Color(0x2e, 0x9e, 0x44);
    private static final Color NETTY_MESSAGES = new Color(0x8c, 0xd1, 0x7d);
    private static final Color JAVA_WEBSOCKET = new Color(0xd6, 0x4a, 0x3b);

    private static final List<Series> DECODERS = List.of(
            new Series("wsnioFrames", "wsnio FrameDecoder", WSNIO, false),
            new Series("wsnioSession", "wsnio WebSocketSession", WSNIO_SESSION, true),
            new Series("nettyFrames", "Netty WebSocket08FrameDecoder", NETTY, false),
            new Series("nettyMessages", "Netty decoder + UTF-8 + aggregator", NETTY_MESSAGES, true),
            new Series("javaWebSocket", "Java-WebSocket Draft_6455", JAVA_WEBSOCKET, false));
    private static final List<Series> ENCODERS = List.of(
            new Series("wsnioFrames", "wsnio FrameHeader + write-queue copy", WSNIO, false),
            new Series("wsnioSession", "wsnio WebSocketSession.sendMessage", WSNIO_SESSION, true),
            new Series("nettyFrames", "Netty WebSocket08FrameEncoder", NETTY, false),
            new Series("javaWebSocket", "Java-WebSocket Draft_6455", JAVA_WEBSOCKET, false));

    private static final List<Panel> PANELS = List.of(
            new Panel("Decode, masked client frames on a server (text)", "DecodeBenchmark",
                    Map.of("direction", "CLIENT_TO_SERVER", "kind", "TEXT"), DECODERS),
            new Panel("Decode, unmasked server frames on a client (binary)", "DecodeBenchmark",
                    Map.of("direction", "SERVER_TO_CLIENT", "kind", "BINARY"), DECODERS),
            new Panel("Encode, masked (client sends)", "EncodeBenchmark",
                    Map.of("direction", "CLIENT_TO_SERVER"), ENCODERS),
            new Panel("Encode, unmasked (server sends)", "EncodeBenchmark",
                    Map.of("direction", "SERVER_TO_CLIENT"), ENCODERS));

    private ThroughputChart() {
    }

    /**
     * Reads JMH JSON results and writes the chart.
     *
     * @param args the PNG file to write, a caption line (the machine, the run), the JSON files
     * @throws IOException when a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ThroughputChart <chart.png> <caption> <jmh-result.json>...");
            System.exit(2);
        }
        List<JmhResult> results = JmhResult.readAll(Arrays.copyOfRange(args, 2, args.length));
        BufferedImage image = draw(results, args[1]);
        ImageIO.write(image, "png", Path.of(args[0]).toFile());
    }

    private static BufferedImage draw(List<JmhResult> results, String caption) {
        int rows = (PANELS.size() + COLUMNS - 1) / COLUMNS;
        BufferedImage image = new BufferedImage(PANEL_WIDTH * COLUMNS, TITLE_HEIGHT + PANEL_HEIGHT * rows,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString("WebSocket frames per second by payload size (log-log; higher is better)", 16, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(caption, 16, 42);
        for (int i = 0; i < PANELS.size(); i++) {
            int x = (i % COLUMNS) * PANEL_WIDTH;
            int y = TITLE_HEIGHT + (i / COLUMNS) * PANEL_HEIGHT;
            drawPanel(g, PANELS.get(i), results, x, y);
        }
        g.dispose();
        return image;
    }

    private static void drawPanel(Graphics2D g, Panel panel, List<JmhResult> results, int originX, int originY) {
        int plotX = originX + LEFT;
        int plotY = originY + TOP;
        int plotWidth = PANEL_WIDTH - LEFT - RIGHT;
        int plotHeight = PANEL_HEIGHT - TOP - BOTTOM;

        List<JmhResult> points = new ArrayList<>();
        for (JmhResult result : results) {
            if (result.benchmarkClass().equals(panel.benchmarkClass())
                    && panel.fixed().entrySet().stream().allMatch(e -> e.getValue().equals(result.param(e.getKey())))
                    && result.param("payloadSize") != null) {
                points.add(result);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(panel.title(), originX + LEFT, originY + 24);
        if (points.isEmpty()) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString("(not in this run)", plotX + 10, plotY + 20);
            return;
        }
        double minSize = points.stream().mapToDouble(ThroughputChart::size).min().orElse(1);
        double maxSize = points.stream().mapToDouble(ThroughputChart::size).max().orElse(10);
        double minRate = points.stream().mapToDouble(JmhResult::score).min().orElse(1);
        double maxRate = points.stream().mapToDouble(JmhResult::score).max().orElse(10);
        double logMinX = Math.log10(minSize);
        double logMaxX = Math.max(Math.log10(maxSize), logMinX + 1);
        double logMinY = Math.floor(Math.log10(minRate));
        double logMaxY = Math.max(Math.ceil(Math.log10(maxRate)), logMinY + 1);

        // grid and axes
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        for (double decade = logMinY; decade <= logMaxY; decade++) {
            int y = plotY + plotHeight - (int) ((decade - logMinY) / (logMaxY - logMinY) * plotHeight);
            g.setColor(new Color(0xe4, 0xe4, 0xe4));
            g.drawLine(plotX, y, plotX + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            String label = decadeLabel(decade);
            g.drawString(label, plotX - 6 - metrics.stringWidth(label), y + 4);
        }
        points.stream().mapToDouble(ThroughputChart::size).distinct().sorted().forEach(size -> {
            int x = plotX + (int) ((Math.log10(size) - logMinX) / (logMaxX - logMinX) * plotWidth);
            g.setColor(new Color(0xe4, 0xe4, 0xe4));
            g.drawLine(x, plotY, x, plotY + plotHeight);
            g.setColor(Color.DARK_GRAY);
            String label = sizeLabel(size);
            g.drawString(label, x - metrics.stringWidth(label) / 2, plotY + plotHeight + 16);
        });
        g.setColor(Color.BLACK);
        g.drawRect(plotX, plotY, plotWidth, plotHeight);
        g.drawString("payload size (bytes)", plotX + plotWidth / 2 - 50, plotY + plotHeight + 32);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString("frames/s", -(plotY + plotHeight / 2 + 20), originX + 16);
        rotated.dispose();

        // lines and legend
        int legendY = plotY + plotHeight + 50;
        int legendIndex = 0;
        for (Series series : panel.series()) {
            List<JmhResult> line = points.stream().filter(p -> p.method().equals(series.method()))
                    .sorted((a, b) -> Double.compare(size(a), size(b))).toList();
            if (line.isEmpty()) {
                continue;
            }
            g.setColor(series.color());
            g.setStroke(series.dashed()
                    ? new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2.5f));
            int previousX = -1;
            int previousY = -1;
            for (JmhResult point : line) {
                int x = plotX + (int) ((Math.log10(size(point)) - logMinX) / (logMaxX - logMinX) * plotWidth);
                int y = plotY + plotHeight
                        - (int) ((Math.log10(point.score()) - logMinY) / (logMaxY - logMinY) * plotHeight);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                g.fillOval(x - 3, y - 3, 7, 7);
                previousX = x;
                previousY = y;
            }
            int legendX = plotX + (legendIndex % 2) * (plotWidth / 2);
            int rowY = legendY + (legendIndex / 2) * 16;
            g.drawLine(legendX, rowY - 4, legendX + 24, rowY - 4);
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.BLACK);
            g.drawString(series.label(), legendX + 30, rowY);
            legendIndex++;
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static double size(JmhResult result) {
        return Double.parseDouble(result.param("payloadSize"));
    }

    private static String sizeLabel(double size) {
        if (size >= 1 << 20) {
            return String.format(Locale.ROOT, "%.0f MiB", size / (1 << 20));
        }
        if (size >= 1024) {
            return String.format(Locale.ROOT, "%.0f KiB", size / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", size);
    }

    private static String decadeLabel(double decade) {
        String[] suffixes = {"", " k", " M", " G"};
        int power = (int) Math.round(decade);
        if (power < 0) {
            return String.format(Locale.ROOT, "%.2g", Math.pow(10, power));
        }
        int group = Math.min(power / 3, suffixes.length - 1);
        return String.format(Locale.ROOT, "%.0f", Math.pow(10, power - 3 * group)) + suffixes[group];
    }
}
