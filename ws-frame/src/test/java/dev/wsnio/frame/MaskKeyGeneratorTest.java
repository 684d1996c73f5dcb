package dev.wsnio.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 6455 §5.3 and §10.3: masking keys are fresh for every frame. */
class MaskKeyGeneratorTest {

    @Test
    void keysAreNotAllEqualOverManyDraws() {
        MaskKeyGenerator generator = new MaskKeyGenerator();
        Set<Integer> keys = new HashSet<>();
        int or = 0;
        int and = -1;
        for (int i = 0; i < 1000; i++) {
            int key = generator.nextKey();
            keys.add(key);
            or |= key;
            and &= key;
        }
        assertTrue(keys.size() > 990, "distinct keys: " + keys.size());
        assertEquals(-1, or, "every bit is set in some key");
        assertEquals(0, and, "every bit is clear in some key");
    }

    @Test
    void keysAreTheSourceBytesInOrderFirstOctetMostSignificant() {
        MaskKeyGenerator generator = new MaskKeyGenerator(new SequentialRandom());
        assertEquals(0x00010203, generator.nextKey());
        assertEquals(0x04050607, generator.nextKey());
        assertEquals(0x08090A0B, generator.nextKey());
    }

    @Test
    void asksTheSourceForABlockOfBytesAtATimeAndRefillsWhenUsedUp() {
        SequentialRandom random = new SequentialRandom();
        MaskKeyGenerator generator = new MaskKeyGenerator(random);
        for (int i = 0; i < 1024; i++) {
            generator.nextKey();
        }
        assertEquals(1, random.requests, "one request covers 1,024 keys");
        int next = generator.nextKey();
        assertEquals(2, random.requests, "the 1,025th key needs more bytes");
        assertEquals(0x00010203, next, "byte 4096 of the counting source is 00 again");
    }
}
