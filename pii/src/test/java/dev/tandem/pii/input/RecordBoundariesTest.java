package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class RecordBoundariesTest {

    /** Every boundary, feeding the text one byte at a time (as a stream might arrive). */
    private static List<Integer> boundaries(Format f, String text) {
        byte[] b = text.getBytes(UTF_8);
        RecordBoundaries cuts = Objects.requireNonNull(RecordBoundaries.of(f, b, b.length));
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < b.length; i++) {
            if (cuts.feed(b, i, i + 1) == i + 1) at.add(i + 1);
        }
        return at;
    }

    @Test
    void csvIsCutAfterRecordsPastTheHeaderNeverInsideAQuotedField() {
        String csv = "a,b\n1,\"x\ny\"\n2,\"say \"\"hi\"\"\n\"\n\n3,6\" screen\n";
        // after the quoted field over two lines (12), after the one with doubled quotes and a line break
        // (28); the blank line ends no record; a quote inside an unquoted field is plain text
        assertThat(boundaries(Format.CSV, csv)).containsExactly(12, 28, csv.length());
        RecordBoundaries cuts = Objects.requireNonNull(RecordBoundaries.of(Format.CSV, csv.getBytes(UTF_8), 4));
        cuts.feed(csv.getBytes(UTF_8), 0, csv.length());
        assertThat(cuts.headerEnd()).isEqualTo(4);
    }

    @Test
    void aStrayQuoteAfterAClosingQuoteGoesOnUnquotedToTheDelimiterAsPythonsCsvReadsIt() {
        String csv = "e,item,p\n\"a\",\"Samsung 55\" TV\",\"1\"\n\"b\",\"x\"\"\"\r\n\"c\",\"5\" \"\n";
        int first = csv.indexOf("\"b\"");
        int second = csv.indexOf("\"c\"");
        // the quote after 55 closes nothing: " TV\"" is read unquoted, so the line break after "1" ends the record
        assertThat(boundaries(Format.CSV, csv)).containsExactly(first, second, csv.length());
    }

    @Test
    void tsvUsesTabsAndAQuoteAfterATabOpensAField() {
        String tsv = "a\tb\n1\t\"x\ny\"\n";
        assertThat(boundaries(Format.TSV, tsv)).containsExactly(tsv.length());
    }

    @Test
    void jsonIsCutOnlyBetweenTopLevelValues() {
        String jsonl = "{\"a\":\"x\\\"}\\n{\"}\n[1,\n2]\n{\"b\":{\"c\":\n3}}\n42\n";
        int first = jsonl.indexOf('\n') + 1;
        int second = jsonl.indexOf("]\n") + 2;
        int third = jsonl.indexOf("}}\n") + 3;
        assertThat(boundaries(Format.JSON, jsonl)).containsExactly(first, second, third, jsonl.length());
        assertThat(RecordBoundaries.of(Format.TEXT, new byte[0], 0)).isNull();
    }

    /**
     * The skipping feed finds the boundaries and the header that stepping through every byte finds,
     * on random text made of the bytes that matter to either format (and others), fed in random
     * pieces.
     */
    @Test
    void skippingFeedAgreesWithSteppingThroughEveryByte() {
        byte[] alphabet = "ab1 ,;\t\n\r\"\\{}[]:\u00e9".getBytes(UTF_8);
        java.util.Random random = new java.util.Random(16);
        for (int round = 0; round < 3000; round++) {
            byte[] b = new byte[random.nextInt(200)];
            for (int i = 0; i < b.length; i++) b[i] = alphabet[random.nextInt(alphabet.length)];
            for (Format f : List.of(Format.CSV, Format.TSV, Format.JSON)) {
                RecordBoundaries fast = Objects.requireNonNull(RecordBoundaries.of(f, b, b.length));
                RecordBoundaries each = Objects.requireNonNull(RecordBoundaries.of(f, b, b.length));
                int at = 0;
                while (at < b.length) {
                    int to = Math.min(b.length, at + 1 + random.nextInt(40));
                    assertThat(fast.feed(b, at, to))
                            .as("%s round %d bytes [%d, %d) of %s", f, round, at, to, new String(b, UTF_8))
                            .isEqualTo(each.feedEachByte(b, at, to));
                    at = to;
                }
                assertThat(fast.headerEnd()).isEqualTo(each.headerEnd());
            }
        }
    }
}
