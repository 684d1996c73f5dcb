package dev.wsnio.benchmarks.chart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One line of a JMH result: a benchmark method with its parameters, its score and, when the run
 * used {@code -prof gc}, the bytes it allocated per operation.
 *
 * @param benchmarkClass the simple name of the benchmark class, e.g. {@code DecodeBenchmark}
 * @param method the benchmark method, e.g. {@code wsnioFrames}
 * @param params the JMH parameters, sorted by name
 * @param score the primary score
 * @param scoreError the 99.9% confidence half-width JMH reports (NaN with too few iterations)
 * @param unit the primary score's unit, e.g. {@code ops/s}
 * @param bytesPerOp {@code gc.alloc.rate.norm}, or NaN when not measured
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params,
                        double score, double scoreError, String unit, double bytesPerOp) {

    /**
     * Reads a JMH result file written with {@code -rf json}.
     *
     * @param file the JSON file
     * @return its results in file order
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when it is not a JMH JSON result
     */
    public static List<JmhResult> read(Path file) throws IOException {
        Object document = Json.parse(Files.readString(file, StandardCharsets.UTF_8));
        if (!(document instanceof List<?> runs)) {
            throw new IllegalArgumentException(file + " is not a JMH JSON result (no top-level array)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (Object run : runs) {
            results.add(of((Map<?, ?>) run));
        }
        return results;
    }

    /**
     * Reads several JMH result files as one run.
     *
     * @param files the JSON files
     * @return their results, file after file
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when one is not a JMH JSON result
     */
    public static List<JmhResult> readAll(String... files) throws IOException {
        List<JmhResult> results = new ArrayList<>();
        for (String file : files) {
            results.addAll(read(Path.of(file)));
        }
        return results;
    }

    private static JmhResult of(Map<?, ?> run) {
        String benchmark = (String) run.get("benchmark");
        int methodDot = benchmark.lastIndexOf('.');
        int classDot = benchmark.lastIndexOf('.', methodDot - 1);
        Map<String, String> params = new TreeMap<>();
        if (run.get("params") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> params.put((String) name, (String) value));
        }
        Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
        double bytesPerOp = Double.NaN;
        if (run.get("secondaryMetrics") instanceof Map<?, ?> secondary
                && secondary.get("gc.alloc.rate.norm") instanceof Map<?, ?> alloc) {
            bytesPerOp = number(alloc.get("score"));
        }
        return new JmhResult(benchmark.substring(classDot + 1, methodDot),
                benchmark.substring(methodDot + 1), params, number(primary.get("score")),
                number(primary.get("scoreError")), (String) primary.get("scoreUnit"), bytesPerOp);
    }

    private static double number(Object value) {
        return value instanceof Double d ? d : Double.NaN;
    }

    /**
     * A parameter's value.
     *
     * @param name the parameter's name
     * @return its value, or null when the benchmark has no such parameter
     */
    public String param(String name) {
        return params.get(name);
    }
}
