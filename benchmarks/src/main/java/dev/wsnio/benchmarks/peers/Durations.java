package dev.wsnio.benchmarks.peers;

import java.time.Duration;

/** Durations as people type them on a command line: {@code 500ms}, {@code 10s}, {@code 5m}. */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param text a number followed by {@code ms}, {@code s}, {@code m} or {@code h}
     * @return the duration
     * @throws IllegalArgumentException when the text is not such a duration
     */
    public static Duration parse(String text) {
        String trimmed = text.trim();
        int unitStart = 0;
        while (unitStart < trimmed.length() && Character.isDigit(trimmed.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 10s, 5m)");
        }
        long amount = Long.parseLong(trimmed.substring(0, unitStart));
        return switch (trimmed.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("not a duration: " + text + " (e.g. 500ms, 10s, 5m)");
        };
    }
}
