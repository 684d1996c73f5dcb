package dev.wsnio.conformance.cases;

import dev.wsnio.conformance.suite.ConformanceCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every case of the suite, in the order of the groups. */
public final class Catalogue {

    private Catalogue() {
    }

    /**
     * All cases.
     *
     * @return the cases, grouped, in a stable order
     * @throws IllegalStateException when two cases share a key
     */
    public static List<ConformanceCase> all() {
        List<ConformanceCase> all = new ArrayList<>();
        all.addAll(OpeningHandshakeCases.cases());
        all.addAll(ClientHandshakeCases.cases());
        all.addAll(FramingCases.cases());
        all.addAll(PingPongCases.cases());
        all.addAll(ReservedBitsCases.cases());
        all.addAll(OpcodeCases.cases());
        all.addAll(FragmentationCases.cases());
        all.addAll(Utf8Cases.cases());
        all.addAll(ClosingCases.cases());
        all.addAll(LimitsCases.cases());
        all.addAll(CompressionCases.cases());
        Set<String> ids = new HashSet<>();
        for (ConformanceCase testCase : all) {
            if (!ids.add(testCase.group().label() + " " + testCase.id())) {
                throw new IllegalStateException("duplicate case " + testCase.id());
            }
        }
        return all;
    }
}
