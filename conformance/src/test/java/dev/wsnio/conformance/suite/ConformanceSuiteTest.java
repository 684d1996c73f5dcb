package dev.wsnio.conformance.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsnio.conformance.cases.Catalogue;
import dev.wsnio.conformance.testee.Flavour;
import dev.wsnio.conformance.testee.Testee;
import dev.wsnio.testkit.wire.Side;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance suite: every case of the {@link Catalogue} against our server and our client,
 * each result compared with the committed {@code expected-results.txt}. A case whose outcome
 * differs from the file fails; so does the run when the file names a case that did not run.
 *
 * <p>Writes {@code target/conformance-results.txt} (every case, with timings and failure
 * details) and {@code target/conformance-table.md}, the table of the module's README, which must
 * match it. With {@code -Dconformance.update=true} it rewrites {@code expected-results.txt} and
 * the README's table instead of failing on differences.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConformanceSuiteTest {

    private final Path basedir = Path.of(System.getProperty("conformance.basedir", "."));
    private final boolean update = Boolean.getBoolean("conformance.update");
    private final Path expectedFile = basedir.resolve("expected-results.txt");
    /** The module's README and the project's, which both show the table. */
    private final List<Path> readmes = List.of(basedir.resolve("README.md"), basedir.resolve("../README.md"));
    private final List<CaseResult> results = new ArrayList<>();
    private final Map<Flavour, Map<Side, Testee>> testees = new EnumMap<>(Flavour.class);
    private ExpectedResults expected;

    @BeforeAll
    void start() throws IOException {
        expected = ExpectedResults.load(expectedFile);
        for (Flavour flavour : Flavour.values()) {
            Map<Side, Testee> bySide = new EnumMap<>(Side.class);
            for (Side side : Side.values()) {
                bySide.put(side, flavour.start(side));
            }
            testees.put(flavour, bySide);
        }
    }

    @TestFactory
    Stream<DynamicNode> suite() {
        List<DynamicNode> groups = new ArrayList<>();
        List<ConformanceCase> all = Catalogue.all();
        for (Group group : Group.values()) {
            List<DynamicNode> tests = new ArrayList<>();
            for (ConformanceCase testCase : all) {
                if (testCase.group() != group) {
                    continue;
                }
                for (Side side : Side.values()) {
                    Testee testee = testees.get(testCase.flavour()).get(side);
                    if (testCase.appliesTo(side)) {
                        tests.add(DynamicTest.dynamicTest(testCase.id() + " [" + side.label() + "]",
                                () -> runAndCompare(testCase, testee)));
                    }
                }
            }
            if (!tests.isEmpty()) {
                groups.add(DynamicContainer.dynamicContainer(group.label(), tests));
            }
        }
        return groups.stream();
    }

    private void runAndCompare(ConformanceCase testCase, Testee testee) {
        CaseResult result = CaseRunner.run(testCase, testee);
        results.add(result);
        if (update) {
            return;
        }
        Outcome wanted = expected.expected(result.key());
        assertTrue(wanted != null, () -> "new case " + result.key() + " (" + result.outcome() + " "
                + result.detail() + "): record it with -Dconformance.update=true");
        assertEquals(wanted, result.outcome(), () -> testCase.title() + ": " + (result.detail().isEmpty()
                ? "now passes; record it with -Dconformance.update=true" : result.detail()));
    }

    @AfterAll
    void finish() throws IOException {
        testees.values().forEach(bySide -> bySide.values().forEach(Testee::close));
        Path target = basedir.resolve("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("conformance-results.txt"), report(), StandardCharsets.UTF_8);
        String table = ResultTable.markdown(results);
        Files.writeString(target.resolve("conformance-table.md"), table, StandardCharsets.UTF_8);
        if (update) {
            ExpectedResults.write(expectedFile, results);
            for (Path readme : readmes) {
                String text = Files.readString(readme, StandardCharsets.UTF_8);
                Files.writeString(readme, ResultTable.replaceIn(text, table), StandardCharsets.UTF_8);
            }
            return;
        }
        Set<String> ran = new LinkedHashSet<>();
        results.forEach(result -> ran.add(result.key()));
        List<String> missing = expected.missingFrom(ran);
        assertTrue(missing.isEmpty(), () -> "expected-results.txt names cases that did not run: " + missing);
        for (Path readme : readmes) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            assertEquals(ResultTable.replaceIn(text, table), text, readme + "'s table differs from this run's"
                    + " (target/conformance-table.md): update it with -Dconformance.update=true");
        }
    }

    private String report() {
        StringBuilder text = new StringBuilder();
        for (CaseResult result : results) {
            text.append(result.line()).append(" ").append(result.millis()).append("ms");
            if (!result.detail().isEmpty()) {
                text.append("  ").append(result.detail().replace('\n', ' '));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
