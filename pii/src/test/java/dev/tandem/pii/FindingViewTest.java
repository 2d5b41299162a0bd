package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.scope.DistinctHashes;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte paths of a finding handed over as a view: masking and hashing from bytes give what the
 * strings of those bytes give, and a view tallies and converts as its {@link Finding} does.
 */
class FindingViewTest {
    /** Bytes of the kinds values are made of, ASCII and the upper half of ISO-8859-1 alike. */
    private static final byte[] ALPHABET = alphabet();

    private static byte[] alphabet() {
        String ascii = "0123456789AZaz@:.-+ _%()/";
        byte[] b = new byte[ascii.length() + 8];
        for (int i = 0; i < ascii.length(); i++) b[i] = (byte) ascii.charAt(i);
        int[] high = {0x80, 0xA0, 0xB5, 0xC0, 0xD7, 0xDF, 0xE9, 0xFF};
        for (int i = 0; i < high.length; i++) b[ascii.length() + i] = (byte) high[i];
        return b;
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = random.nextInt(8) == 0 ? (byte) random.nextInt(256) : ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return b;
    }

    @Test
    void maskingFromBytesIsMaskingOfTheirString() {
        Random random = new Random(16);
        char[] out = new char[64];
        for (int round = 0; round < 20_000; round++) {
            byte[] b = randomBytes(random, 8 + random.nextInt(40));
            int from = random.nextInt(4);
            int to = from + random.nextInt(b.length - from - 3);
            String s = new String(b, from, to - from, ISO_8859_1);
            for (Entity e : Entity.values()) {
                int n = Masking.maskLatin1(e, b, from, to, out);
                assertThat(new String(out, 0, n)).as(e + " " + s).isEqualTo(Masking.mask(e, s));
            }
        }
    }

    @Test
    void maskingWhereTheValueLiesFollowsTheRules() {
        Random random = new Random(17);
        String alphabet = "0123456789AZaz@:. -/+éÉ４ß😀𝒜\uD800\uDC00x";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder v = new StringBuilder();
            int n = random.nextInt(24);
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(alphabet.length());
                v.append(alphabet.charAt(k));
            }
            String s = v.toString();
            for (Entity e : Entity.values()) {
                assertThat(Masking.mask(e, s)).as(e + " " + s).isEqualTo(masked(e, s));
            }
        }
        for (String s : new String[] {"", "@", "a@", "@b", "ab@@c.de", ":", "::", "1:", "é@x", "\uD83D", "\uDE00a"}) {
            for (Entity e : Entity.values()) {
                assertThat(Masking.mask(e, s)).as(e + " " + s).isEqualTo(masked(e, s));
            }
        }
    }

    /** The masking rules, written out on strings (the digit rule is {@link MaskingTest#keeping}). */
    private static String masked(Entity e, String s) {
        return switch (e) {
            case EMAIL_ADDRESS -> {
                int at = s.lastIndexOf('@');
                yield at <= 0 ? "*".repeat(s.length()) : s.charAt(0) + "***" + s.substring(at);
            }
            case CREDIT_CARD, US_SSN -> MaskingTest.keeping(s, 0, 4);
            case IBAN_CODE -> MaskingTest.keeping(s, 2, 4);
            case PHONE_NUMBER -> MaskingTest.keeping(s, 0, 2);
            case DATE_OF_BIRTH -> MaskingTest.keeping(s, 0, 0);
            case IP_ADDRESS -> {
                int first = s.indexOf(s.indexOf(':') >= 0 ? ':' : '.');
                if (first <= 0) yield "*".repeat(s.length());
                // char by char: half a surrogate pair is a star too
                char[] rest = s.substring(first).toCharArray();
                for (int i = 0; i < rest.length; i++) if (rest[i] != ':' && rest[i] != '.') rest[i] = '*';
                yield s.substring(0, first) + new String(rest);
            }
            case PERSON, LOCATION -> {
                StringBuilder out = new StringBuilder();
                boolean wordStart = true;
                for (int cp : s.codePoints().toArray()) {
                    boolean letter = Character.isLetterOrDigit(cp);
                    if (letter && !wordStart) out.append('*');
                    else out.appendCodePoint(cp);
                    wordStart = !letter;
                }
                yield out.toString();
            }
        };
    }

    @Test
    void hashOfBytesIsTheHashOfTheirString() {
        Random random = new Random(18);
        for (int round = 0; round < 50_000; round++) {
            byte[] b = randomBytes(random, 1 + random.nextInt(48));
            int from = random.nextInt(b.length);
            int n = random.nextInt(b.length - from + 1);
            assertThat(DistinctHashes.hashLatin1(b, from, n))
                    .isEqualTo(DistinctHashes.hash(new String(b, from, n, ISO_8859_1)));
        }
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        assertThat(DistinctHashes.hashLatin1(all, 0, 256)).isEqualTo(DistinctHashes.hash(new String(all, ISO_8859_1)));
    }

    @Test
    void aViewOfBytesIsTheFindingOfTheirStrings() {
        Random random = new Random(19);
        FindingView view = new FindingView();
        char[] out = new char[128];
        for (int round = 0; round < 5_000; round++) {
            byte[] buf = randomBytes(random, 40);
            byte[] norm = randomBytes(random, 20);
            Entity e = Entity.values()[random.nextInt(Entity.values().length)];
            int start = random.nextInt(10);
            int end = start + random.nextInt(30);
            int nf = random.nextInt(5);
            int nt = nf + random.nextInt(15);
            view.set("f.txt", 100 + start, 100 + end, 3, e, round % 3 == 0 ? "DE" : null, 0.9, null)
                    .value(buf, start, end)
                    .normalized(norm, nf, nt);
            long hash = view.normalizedHash();
            int masked = view.mask(out);
            Finding f = view.toFinding();
            assertThat(f)
                    .isEqualTo(new Finding(
                            "f.txt",
                            100 + start,
                            100 + end,
                            3,
                            e,
                            new String(buf, start, end - start, ISO_8859_1),
                            new String(norm, nf, nt - nf, ISO_8859_1),
                            round % 3 == 0 ? "DE" : null,
                            0.9,
                            null,
                            false));
            assertThat(hash).isEqualTo(DistinctHashes.hash(f.normalized()));
            assertThat(new String(out, 0, masked)).isEqualTo(f.masked());
            assertThat(view.maxMaskedLength()).isEqualTo(Masking.maxLength(f.value()));
            // the same view holding the record answers the same
            view.of(f);
            assertThat(view.normalizedHash()).isEqualTo(hash);
            assertThat(view.toFinding()).isEqualTo(f);
        }
    }

    @Test
    void viewsTallyAsTheirFindings() {
        Random random = new Random(20);
        ScopeCounter byFinding = new ScopeCounter();
        ScopeCounter byView = new ScopeCounter();
        ScopeCounter.Part a = byFinding.newPart();
        ScopeCounter.Part b = byView.newPart();
        FindingView view = new FindingView();
        String[] jurisdictions = {null, "US", "DE", "US-CA"};
        Doubt[] doubts = {null, null, Doubt.COMMERCE_CONTEXT, Doubt.GS1_CODE};
        for (int i = 0; i < 20_000; i++) {
            byte[] norm = randomBytes(random, 6);
            norm[0] = (byte) ('0' + random.nextInt(10));
            Entity e = Entity.values()[random.nextInt(Entity.values().length)];
            Doubt d = doubts[random.nextInt(doubts.length)];
            double c = d == null ? 0.9 : 0.3;
            String j = jurisdictions[random.nextInt(jurisdictions.length)];
            view.set("f", 0, 6, 1, e, j, c, d).value(norm, 0, 6).normalized(norm, 0, 1 + random.nextInt(3));
            a.finding(view.toFinding());
            b.found(view);
        }
        byFinding.merge(a);
        byView.merge(b);
        assertThat(byView.scope()).isEqualTo(byFinding.scope());
    }
}
