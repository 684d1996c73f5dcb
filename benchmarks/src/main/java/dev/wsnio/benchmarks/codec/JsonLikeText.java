package dev.wsnio.benchmarks.codec;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * JSON-like text such as a trading or chat feed sends: an array of small objects whose keys
 * repeat and whose values vary, from a fixed seed. The input of the compression benchmarks.
 */
public final class JsonLikeText {

    private static final long SEED = 20260101L;
    private static final String[] SIDES = {"buy", "sell"};
    private static final String[] SYMBOLS = {"BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "ADA-USD"};

    private JsonLikeText() {
    }

    /**
     * Text of exactly {@code size} bytes (ASCII), padded with spaces after the last whole
     * object.
     *
     * @param size the length in bytes
     * @return the text as bytes
     */
    public static byte[] bytes(int size) {
        SplittableRandom random = new SplittableRandom(SEED);
        StringBuilder text = new StringBuilder("[");
        while (true) {
            String item = String.format("{\"id\":%d,\"symbol\":\"%s\",\"side\":\"%s\",\"price\":%d.%02d,"
                            + "\"qty\":%d,\"user\":\"user-%d\"},",
                    random.nextInt(1_000_000), SYMBOLS[random.nextInt(SYMBOLS.length)],
                    SIDES[random.nextInt(2)], random.nextInt(90_000), random.nextInt(100),
                    random.nextInt(1, 500), random.nextInt(10_000));
            if (text.length() + item.length() + 1 > size) {
                break;
            }
            text.append(item);
        }
        text.setCharAt(text.length() - 1, ']');
        while (text.length() < size) {
            text.append(' ');
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
