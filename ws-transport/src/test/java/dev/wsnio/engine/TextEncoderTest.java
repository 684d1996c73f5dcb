package dev.wsnio.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loop's text encoder: the bytes {@code String.getBytes(UTF_8)} makes, in a reused array. */
class TextEncoderTest {

    private static byte[] bytes(ByteBuffer view) {
        byte[] copy = new byte[view.remaining()];
        view.duplicate().get(copy);
        return copy;
    }

    @Test
    void encodesEveryKindOfCharacterAsTheJdkDoes() {
        TextEncoder encoder = new TextEncoder();
        for (String text : new String[] {"", "hello", "héllo wörld", "€ and 中文", "emoji 😀!", "\uD800 alone",
            "low \uDC00 first", "end \uD83D", "\uDBFF\uDFFF", "\u007F\u0080\u07FF\u0800\uFFFF"}) {
            assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), bytes(encoder.encode(text)), text);
        }
    }

    @Test
    void generatedTextEncodesAsTheJdkDoesAcrossGrowthAndReuse() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        TextEncoder encoder = new TextEncoder();
        char[] pool = {'a', 'Z', '~', 'é', 'ß', 'ߺ', '€', '中', '\uFFFD', '\uD83D', '\uDE00', '\uDBFF', '\uDC00'};
        for (int i = 0; i < 2_000; i++) {
            int length = random.nextInt(i % 100 == 0 ? TextEncoder.MAX_CHARS + 1 : 300);
            StringBuilder text = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                text.append(random.nextInt(3) == 0 ? (char) random.nextInt(0x10000) : pool[random.nextInt(pool.length)]);
            }
            String string = text.toString();
            ByteBuffer encoded = encoder.encode(text); // a CharSequence, as a send may pass
            assertEquals(0, encoded.position());
            assertArrayEquals(string.getBytes(StandardCharsets.UTF_8), bytes(encoded), "seed " + seed + ", text " + i);
        }
    }
}
