package dev.wsnio.benchmarks.chart;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the results of a JMH run as Markdown tables, one per benchmark class: the score of
 * every implementation for each parameter combination, the ratios of ours to each peer, and
 * (when the run used {@code -prof gc}) the bytes allocated per operation. A score whose 99.9%
 * confidence interval is wider than ±10% carries its width, so that noise is visible.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.wsnio.benchmarks.chart.ResultsTable result.json...}
 */
public final class ResultsTable {

    /** Errors up to this share of the score are not shown. */
    private static final int NOISE_SHOWN_PERCENT = 10;

    private ResultsTable() {
    }

    /**
     * Reads JMH JSON results and prints their tables to standard output.
     *
     * @param args the JSON files, read as one run
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: ResultsTable <jmh-result.json>...");
            System.exit(2);
        }
        print(JmhResult.readAll(args), System.out);
    }

    /**
     * Prints the tables of the given results.
     *
     * @param results the results of one run
     * @param out where the Markdown goes
     */
    static void print(List<JmhResult> results, PrintStream out) {
        for (Comparison comparison : Comparison.ALL) {
            List<JmhResult> mine = results.stream()
                    .filter(r -> r.benchmarkClass().equals(comparison.benchmarkClass()))
                    .collect(Collectors.toList());
            if (!mine.isEmpty()) {
                printComparison(comparison, mine, out);
            }
        }
    }

    private static void printComparison(Comparison comparison, List<JmhResult> results, PrintStream out) {
        Map<Map<String, String>, Map<String, JmhResult>> rows = new LinkedHashMap<>();
        for (JmhResult result : results) {
            rows.computeIfAbsent(result.params(), p -> new LinkedHashMap<>()).put(result.method(), result);
        }
        List<String> paramNames = new ArrayList<>(results.get(0).params().keySet());
        List<String> methods = comparison.methods().stream()
                .filter(m -> results.stream().anyMatch(r -> r.method().equals(m)))
                .collect(Collectors.toList());
        boolean allocation = results.stream().anyMatch(r -> !Double.isNaN(r.bytesPerOp()));

        out.println("### " + comparison.title());
        out.println();
        List<String> header = new ArrayList<>(paramNames);
        header.addAll(methods);
        comparison.ratios().forEach(ratio -> header.add(ratio.label()));
        printRow(header, out);
        printRow(header.stream().map(h -> "---").collect(Collectors.toList()), out);
        for (Map.Entry<Map<String, String>, Map<String, JmhResult>> row : rows.entrySet()) {
            List<String> cells = new ArrayList<>();
            paramNames.forEach(name -> cells.add(row.getKey().get(name)));
            for (String method : methods) {
                JmhResult result = row.getValue().get(method);
                cells.add(result == null ? "" : withSuffix(result.score()) + noise(result));
            }
            for (Comparison.Ratio ratio : comparison.ratios()) {
                JmhResult top = row.getValue().get(ratio.numerator());
                JmhResult bottom = row.getValue().get(ratio.denominator());
                cells.add(top == null || bottom == null ? ""
                        : String.format(Locale.ROOT, "%.2f×", top.score() / bottom.score()));
            }
            printRow(cells, out);
        }
        out.println();
        if (!allocation) {
            return;
        }
        out.println("Allocated bytes per operation (`gc.alloc.rate.norm`):");
        out.println();
        List<String> allocHeader = new ArrayList<>(paramNames);
        allocHeader.addAll(methods);
        printRow(allocHeader, out);
        printRow(allocHeader.stream().map(h -> "---").collect(Collectors.toList()), out);
        for (Map.Entry<Map<String, String>, Map<String, JmhResult>> row : rows.entrySet()) {
            List<String> cells = new ArrayList<>();
            paramNames.forEach(name -> cells.add(row.getKey().get(name)));
            for (String method : methods) {
                JmhResult result = row.getValue().get(method);
                cells.add(result == null || Double.isNaN(result.bytesPerOp()) ? ""
                        : bytes(result.bytesPerOp()));
            }
            printRow(cells, out);
        }
        out.println();
    }

    private static void printRow(List<String> cells, PrintStream out) {
        out.println("| " + String.join(" | ", cells) + " |");
    }

    /** A score with three significant digits and a k/M/G suffix. */
    static String withSuffix(double value) {
        String[] suffixes = {"", " k", " M", " G"};
        int index = 0;
        double scaled = value;
        while (Math.abs(scaled) >= 1000 && index < suffixes.length - 1) {
            scaled /= 1000;
            index++;
        }
        String format = Math.abs(scaled) >= 100 ? "%.0f" : Math.abs(scaled) >= 10 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, format, scaled) + suffixes[index];
    }

    /**
     * The confidence half-width when it is large: JMH's 99.9% error as a share of the score,
     * shown when above {@value #NOISE_SHOWN_PERCENT}%.
     */
    private static String noise(JmhResult result) {
        double percent = 100 * result.scoreError() / result.score();
        return Double.isNaN(percent) || percent <= NOISE_SHOWN_PERCENT ? ""
                : String.format(Locale.ROOT, " ±%.0f%%", percent);
    }

    /** Bytes per operation: 0 below half a byte (JMH's noise floor), else rounded. */
    private static String bytes(double value) {
        return value < 0.5 ? "0" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
