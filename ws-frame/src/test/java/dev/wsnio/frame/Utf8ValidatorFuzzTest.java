package dev.wsnio.frame;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;

/**
 * The UTF-8 validator on any bytes, coverage-guided by Jazzer: it agrees with the JDK's strict
 * decoder however the bytes are split, and fails at the first byte after which no continuation
 * could make them valid. The same checks run on seeded UTF-8-like input in
 * {@link Utf8PropertiesTest}. Regression inputs: {@code
 * src/test/resources/dev/wsnio/frame/Utf8ValidatorFuzzTestInputs/}; {@code mvn verify -Pfuzz}
 * fuzzes it.
 */
class Utf8ValidatorFuzzTest {

    @FuzzTest
    void agreesWithTheJdkInAnySplitAndFailsFast(FuzzedDataProvider data) {
        int cutCount = data.consumeInt(0, 12);
        List<Integer> cuts = new ArrayList<>(cutCount);
        for (int i = 0; i < cutCount; i++) {
            cuts.add(data.consumeInt(0, 10_000));
        }
        byte[] bytes = data.consumeRemainingAsBytes();
        Utf8PropertiesTest.checkSplitIntoMany(bytes, cuts);
        if (bytes.length <= 64) {
            Utf8PropertiesTest.checkEverySplitIntoTwo(bytes);
        }
        Utf8PropertiesTest.checkFailsFast(bytes);
    }
}
