package dev.wsnio.conformance.suite;

import dev.wsnio.testkit.wire.Side;
import java.util.List;

/** The Markdown table of results: one row per group, passed/total for our server and client. */
public final class ResultTable {

    private ResultTable() {
    }

    /**
     * Renders the table.
     *
     * @param results every result of a run
     * @return the table, with a totals row
     */
    public static String markdown(List<CaseResult> results) {
        StringBuilder table = new StringBuilder();
        table.append("| Case group | Autobahn | our server | our client |\n");
        table.append("|---|---|---|---|\n");
        for (Group group : Group.values()) {
            List<CaseResult> inGroup = results.stream().filter(r -> r.testCase().group() == group).toList();
            if (inGroup.isEmpty()) {
                continue;
            }
            table.append("| ").append(group.title()).append(" | ").append(group.autobahn()).append(" | ")
                    .append(cell(inGroup, Side.SERVER)).append(" | ")
                    .append(cell(inGroup, Side.CLIENT)).append(" |\n");
        }
        table.append("| **Total** | | **").append(cell(results, Side.SERVER)).append("** | **")
                .append(cell(results, Side.CLIENT)).append("** |\n");
        return table.toString();
    }

    /**
     * Puts a table between the markers {@code <!-- conformance-table:start -->} and
     * {@code <!-- conformance-table:end -->} of a document.
     *
     * @param document the document, e.g. the README
     * @param table the table
     * @return the document with the new table
     * @throws IllegalStateException when the markers are missing
     */
    public static String replaceIn(String document, String table) {
        String start = "<!-- conformance-table:start -->\n";
        String end = "<!-- conformance-table:end -->";
        int from = document.indexOf(start);
        int to = document.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("the document has no conformance-table markers");
        }
        return document.substring(0, from + start.length()) + table + document.substring(to);
    }

    private static String cell(List<CaseResult> results, Side side) {
        long total = results.stream().filter(r -> r.side() == side).count();
        if (total == 0) {
            return "—";
        }
        long passed = results.stream().filter(r -> r.side() == side && r.outcome() == Outcome.PASS).count();
        return passed + "/" + total;
    }
}
