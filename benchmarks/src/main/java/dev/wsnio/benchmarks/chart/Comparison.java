package dev.wsnio.benchmarks.chart;

import java.util.List;

/**
 * What one benchmark class compares: its methods in the order a table shows them, and the
 * ratios (ours over a peer's, or over a ceiling) that answer its question.
 *
 * @param benchmarkClass the simple name of the benchmark class
 * @param title the heading of its table
 * @param methods the methods, in column order
 * @param ratios the pairs whose ratio is shown
 */
record Comparison(String benchmarkClass, String title, List<String> methods, List<Ratio> ratios) {

    /**
     * One ratio column: {@code numerator / denominator} of the scores in the same row.
     *
     * @param numerator the method above the line (wsnio)
     * @param denominator the method below it (a peer, or a ceiling)
     */
    record Ratio(String numerator, String denominator) {
        String label() {
            return numerator + " / " + denominator;
        }
    }

    /** The comparisons of this module's benchmarks, in the order the README shows them. */
    static final List<Comparison> ALL = List.of(
            new Comparison("DecodeBenchmark", "Decode: one frame per read (frames/s)",
                    List.of("wsnioFrames", "wsnioSession", "nettyFrames", "nettyMessages", "javaWebSocket",
                            "readCopyOnly"),
                    List.of(new Ratio("wsnioFrames", "nettyFrames"),
                            new Ratio("wsnioSession", "nettyMessages"),
                            new Ratio("wsnioSession", "javaWebSocket"))),
            new Comparison("DecodeStreamBenchmark", "Decode: 100 small frames per read (frames/s)",
                    List.of("wsnioFrames", "wsnioSession", "nettyFrames", "nettyMessages", "javaWebSocket",
                            "readCopyOnly"),
                    List.of(new Ratio("wsnioFrames", "nettyFrames"),
                            new Ratio("wsnioSession", "nettyMessages"),
                            new Ratio("wsnioSession", "javaWebSocket"))),
            new Comparison("EncodeBenchmark", "Encode: one binary frame (frames/s)",
                    List.of("wsnioFrames", "wsnioSession", "nettyFrames", "javaWebSocket"),
                    List.of(new Ratio("wsnioFrames", "nettyFrames"),
                            new Ratio("wsnioSession", "nettyFrames"),
                            new Ratio("wsnioSession", "javaWebSocket"))),
            new Comparison("MaskingBenchmark", "Masking (payloads/s)",
                    List.of("wsnioInPlaceDirect", "wsnioInPlaceHeap", "wsnioInPlaceDirectNativeOrder",
                            "wsnioInPlaceHeapNativeOrder", "wsnioCopyMasked", "byteAtATime", "systemArraycopy"),
                    List.of(new Ratio("wsnioInPlaceDirect", "systemArraycopy"),
                            new Ratio("wsnioInPlaceHeap", "systemArraycopy"),
                            new Ratio("wsnioInPlaceDirectNativeOrder", "systemArraycopy"),
                            new Ratio("wsnioInPlaceDirect", "byteAtATime"))),
            new Comparison("Utf8Benchmark", "UTF-8 validation (messages/s)",
                    List.of("wsnioHeap", "wsnioDirect", "wsnioDirectCopied", "jdkStrictDecoder", "jdkNewString"),
                    List.of(new Ratio("wsnioHeap", "jdkStrictDecoder"),
                            new Ratio("wsnioDirectCopied", "jdkStrictDecoder"),
                            new Ratio("wsnioHeap", "jdkNewString"))),
            new Comparison("DeflateBenchmark", "permessage-deflate, JSON-like text (messages/s)",
                    List.of("wsnioCompress", "nettyCompress", "wsnioDecompress", "nettyDecompress"),
                    List.of(new Ratio("wsnioCompress", "nettyCompress"),
                            new Ratio("wsnioDecompress", "nettyDecompress"))));
}
