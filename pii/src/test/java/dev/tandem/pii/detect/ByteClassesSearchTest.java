package dev.tandem.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The word-at-a-time searches against a plain loop, on every byte value and every alignment. */
class ByteClassesSearchTest {

    private static int naive(byte[] b, int from, int to, byte x, byte y) {
        for (int i = from; i < to; i++) if (b[i] == x || b[i] == y) return i;
        return to;
    }

    private static long naiveNewlines(byte[] b, int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) if (b[i] == '\n') n++;
        return n;
    }

    @Test
    void searchesFindWhatAPlainLoopFinds() {
        Random random = new Random(92);
        // few distinct bytes, so that targets, 0x00, 0x01 beside them and bytes >= 0x80 all occur near each other
        byte[] pool = {0x00, 0x01, 0x0a, 0x22, 0x2c, 0x5c, 0x7f, (byte) 0x80, (byte) 0x8a, (byte) 0xff, 0x61};
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[random.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = pool[random.nextInt(pool.length)];
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = from + random.nextInt(b.length - from + 1);
            byte x = pool[random.nextInt(pool.length)];
            byte y = pool[random.nextInt(pool.length)];
            assertThat(ByteClasses.indexOf(b, from, to, x)).isEqualTo(naive(b, from, to, x, x));
            assertThat(ByteClasses.indexOfEither(b, from, to, x, y)).isEqualTo(naive(b, from, to, x, y));
            assertThat(ByteClasses.countNewlines(b, from, to)).isEqualTo(naiveNewlines(b, from, to));
        }
    }
}
