package dev.tandem.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Utf8LinesTest {

    /**
     * An independent reference: RFC 8259 §7 escapes char by char into a {@code StringBuilder} (the
     * scan's writer before it wrote bytes), lone surrogates as {@code \\uXXXX}, then UTF-8 encoding.
     */
    private static byte[] viaStringBuilder(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    boolean loneSurrogate = Character.isHighSurrogate(c)
                                    && !(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)))
                            || Character.isLowSurrogate(c) && !(i > 0 && Character.isHighSurrogate(s.charAt(i - 1)));
                    if (c < 0x20 || loneSurrogate) sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] direct(String s) {
        Utf8Lines b = new Utf8Lines(1);
        b.jsonString(s);
        return Arrays.copyOf(b.array(), b.size());
    }

    @Test
    void jsonStringsAreTheBytesOfTheStringBuilderPathEncoded() {
        for (String s : new String[] {
            "",
            "plain",
            "a\"b\\c\nd\re\tf\u0001\u001f\u007f",
            "Müller 東京 Łódź",
            "x\uD83D\uDE00y",
            "x\uD83Dy",
            "\uDE00",
            "\uD83D",
            "€",
            "\u0800\uFFFF",
            "/data/leak/contacts.csv"
        }) {
            assertThat(direct(s)).as(s).isEqualTo(viaStringBuilder(s));
        }
    }

    @Test
    void randomTextOfEveryKindOfCharacterEncodesTheSame() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n = 0; n < 5000; n++) {
            char[] c = new char[r.nextInt(0, 24)];
            for (int i = 0; i < c.length; i++) {
                c[i] = switch (r.nextInt(5)) {
                    case 0 -> (char) r.nextInt(0, 0x80);
                    case 1 -> (char) r.nextInt(0x80, 0x800);
                    case 2 -> (char) r.nextInt(0xD800, 0xE000); // surrogates, paired or not
                    default -> (char) r.nextInt(0, 0x10000);
                };
            }
            String s = new String(c);
            assertThat(direct(s)).as("%s", Arrays.toString(c)).isEqualTo(viaStringBuilder(s));
        }
    }

    @Test
    void decimalsAreLongToStringAndTheBufferGrows() {
        Utf8Lines b = new Utf8Lines(1);
        long[] values = {
            0,
            7,
            9,
            10,
            11,
            99,
            100,
            101,
            999,
            1000,
            65535,
            99999,
            100000,
            999999,
            1000000,
            9999999,
            10000000,
            99999999,
            100000000,
            999999999,
            1000000000,
            Integer.MAX_VALUE,
            Integer.MAX_VALUE + 1L,
            1234567890123L,
            Long.MAX_VALUE,
            -1,
            -42,
            Integer.MIN_VALUE,
            Long.MIN_VALUE
        };
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            b.decimal(v);
            b.ascii(',');
            expected.append(v).append(',');
        }
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        for (int i = 0; i < 10000; i++) {
            long v = i % 2 == 0 ? r.nextInt(0, Integer.MAX_VALUE) : r.nextLong();
            b.decimal(v);
            b.ascii(',');
            expected.append(v).append(',');
        }
        assertThat(b.toString()).isEqualTo(expected.toString());
        b.clear();
        assertThat(b.size()).isZero();
    }
}
