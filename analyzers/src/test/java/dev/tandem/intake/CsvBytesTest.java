package dev.tandem.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvBytes} against FastCSV with the settings of {@link CsvTable#reader}: the same records,
 * fields and starting lines, and a fault where FastCSV stops, on random documents made of the
 * pieces CSV readers trip on (quotes, doubled quotes, CR, LF, CRLF, empty lines, separators at the
 * ends, multi-byte and broken UTF-8), read through a stream that hands out a few bytes at a time so
 * that every refill point is crossed.
 */
class CsvBytesTest {

    /** A record as read: its starting line and fields, or the failure that ended the reading. */
    private record Read(long line, List<String> fields) {}

    private static final byte[][] PIECES = {
        bytes("a"),
        bytes("bc"),
        bytes("Login"),
        bytes("é"),
        bytes("€"),
        bytes("😀"),
        bytes(","),
        bytes(","),
        bytes(","),
        bytes("\""),
        bytes("\""),
        bytes("\"\""),
        bytes("\r"),
        bytes("\n"),
        bytes("\n"),
        bytes("\r\n"),
        bytes(" "),
        {(byte) 0xFF},
        {(byte) 0xC3},
        {(byte) 0xE2, (byte) 0x82},
        {(byte) 0xF0, (byte) 0x9F, (byte) 0x98},
    };

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A document of pieces: quoted runs now and then, so that escapes and line ends in quotes occur. */
    private static byte[] document(Random r, int pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // four bytes at least before anything else: FastCSV 4.1.0 misreads inputs shorter than its
        // byte-order-mark probe
        out.writeBytes(bytes("h1,h2\n"));
        for (int i = 0; i < pieces; i++) {
            if (r.nextInt(6) == 0) {
                out.write('"');
                int k = r.nextInt(5);
                for (int j = 0; j < k; j++) {
                    out.writeBytes(PIECES[r.nextInt(PIECES.length)]);
                }
                out.write('"');
            } else {
                out.writeBytes(PIECES[r.nextInt(PIECES.length)]);
            }
        }
        return out.toByteArray();
    }

    private static List<Read> fastCsv(byte[] doc) {
        List<Read> reads = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = CsvTable.reader(new ByteArrayInputStream(doc))) {
            for (CsvRecord rec : reader) {
                reads.add(new Read(rec.getStartingLineNumber(), rec.getFields()));
            }
        } catch (CsvParseException e) {
            reads.add(new Read(-1, List.of("fault")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return reads;
    }

    private static List<Read> csvBytes(InputStream in) {
        List<Read> reads = new ArrayList<>();
        try (CsvBytes rows = CsvTable.bytes(in)) {
            while (rows.next()) {
                reads.add(new Read(rows.line(), rows.fields()));
            }
        } catch (CsvBytes.Fault | CsvBytes.Malformed e) {
            // where FastCSV stops; CsvBytes reads on after a malformed record (tested on its own)
            reads.add(new Read(-1, List.of("fault")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return reads;
    }

    /** Hands out between one and {@code most} bytes per read. */
    private static InputStream trickle(byte[] doc, Random r, int most) {
        ByteArrayInputStream all = new ByteArrayInputStream(doc);
        return new InputStream() {
            @Override
            public int read() {
                return all.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return all.read(b, off, Math.min(len, 1 + r.nextInt(most)));
            }
        };
    }

    @Test
    void readsRandomDocumentsAsFastCsvDoes() {
        Random r = new Random(20261206);
        int faults = 0;
        int records = 0;
        for (int n = 0; n < 20_000; n++) {
            byte[] doc = document(r, r.nextInt(60));
            List<Read> expected = fastCsv(doc);
            assertThat(csvBytes(new ByteArrayInputStream(doc)))
                    .as("document %d: %s", n, new String(doc, StandardCharsets.UTF_8))
                    .isEqualTo(expected);
            assertThat(csvBytes(trickle(doc, r, 7)))
                    .as("document %d read a few bytes at a time", n)
                    .isEqualTo(expected);
            faults += expected.getLast().line() == -1 ? 1 : 0;
            records += expected.size();
        }
        // the documents exercise both outcomes
        assertThat(faults).isBetween(1_000, 19_000);
        assertThat(records).isGreaterThan(40_000);
    }

    @Test
    void readsDocumentsLargerThanItsBufferAsFastCsvDoes() {
        Random r = new Random(7);
        for (int n = 0; n < 40; n++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(bytes("EVENT_TYPE,TIMESTAMP,QUERY\n"));
            while (out.size() < 300_000) {
                // well-formed rows, some with a long quoted field with line ends and escapes in it
                out.writeBytes(bytes("\"Login\",\"20261206101010.123\",\""));
                int k = r.nextInt(4) == 0 ? r.nextInt(90_000) : r.nextInt(40);
                for (int j = 0; j < k; j++) {
                    int c = r.nextInt(40);
                    out.writeBytes(c == 0 ? bytes("\"\"") : c == 1 ? bytes("\r\n") : c == 2 ? bytes("é") : bytes("x"));
                }
                out.writeBytes(bytes(r.nextBoolean() ? "\"\r\n" : "\"\n"));
            }
            byte[] doc = out.toByteArray();
            List<Read> expected = fastCsv(doc);
            assertThat(expected.getLast().line()).isPositive();
            assertThat(csvBytes(new ByteArrayInputStream(doc))).isEqualTo(expected);
            assertThat(csvBytes(trickle(doc, r, 70_000))).isEqualTo(expected);
        }
    }

    @Test
    void readsByteOrderMarksAsFastCsvDoes() {
        String text = "\"USER_ID\",\"EVENT_TYPE\"\r\n\"005A\",\"Login\"\r\n\"005B\",\"Ré\"\"port 😀\"\n";
        for (String cs : List.of("UTF-8", "UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE")) {
            byte[] doc = ("\uFEFF" + text).getBytes(Charset.forName(cs));
            List<Read> expected = fastCsv(doc);
            assertThat(expected).as(cs).hasSize(3);
            assertThat(expected.get(2).fields()).containsExactly("005B", "Ré\"port 😀");
            assertThat(csvBytes(new ByteArrayInputStream(doc))).as(cs).isEqualTo(expected);
            assertThat(csvBytes(trickle(doc, new Random(1), 3))).as(cs).isEqualTo(expected);
        }
    }

    @Test
    void handsOutARepeatedValueOnceAndNeverAStaleOne() throws IOException {
        StringBuilder doc = new StringBuilder("org,user,id\n");
        List<String> users = new ArrayList<>();
        for (int row = 0; row < 2_000; row++) {
            String user = "005U" + (row / 7) + (row % 50 == 0 ? "\"\"q" : "");
            users.add(user.replace("\"\"", "\""));
            doc.append("\"00D1\",\"").append(user).append("\",").append(row).append('\n');
        }
        List<String> orgs = new ArrayList<>();
        List<String> read = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        try (CsvBytes rows = CsvTable.bytes(new ByteArrayInputStream(bytes(doc.toString())))) {
            assertThat(rows.next()).isTrue();
            while (rows.next()) {
                orgs.add(rows.field(0));
                read.add(rows.field(1));
                ids.add(rows.field(2));
            }
        }
        assertThat(read).isEqualTo(users);
        assertThat(ids).hasSize(2_000).doesNotHaveDuplicates();
        // the organization's value is one string for the whole file; a user's run of rows shares one
        assertThat(orgs).allSatisfy(o -> assertThat(o).isSameAs(orgs.getFirst()));
        assertThat(read.get(1)).isSameAs(read.get(2));
        assertThat(read.get(7)).isEqualTo("005U1").isNotSameAs(read.get(6));
    }

    @Test
    void refusesAnOverlongFieldNamingItsLine() throws IOException {
        byte[] doc = bytes("a,b\n1,2\n\"never closed," + "x".repeat(300));
        try (CsvBytes rows = new CsvBytes(new ByteArrayInputStream(doc), new byte[0], 0, 100)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.next()).isTrue();
            assertThatThrownBy(rows::next)
                    .isInstanceOf(CsvBytes.Fault.class)
                    .hasMessage("a field of the record starting at line 3 is longer than 100 bytes"
                            + " (an opening quote without its closing one?)");
        }
    }

    @Test
    void refusesARecordWithTooManyFields() throws IOException {
        byte[] doc = bytes("a\n" + ",".repeat(CsvBytes.MAX_FIELDS) + "\n");
        try (CsvBytes rows = CsvTable.bytes(new ByteArrayInputStream(doc))) {
            assertThat(rows.next()).isTrue();
            assertThatThrownBy(rows::next)
                    .isInstanceOf(CsvBytes.Fault.class)
                    .hasMessage("the record starting at line 2 has more than 16384 fields");
        }
    }

    @Test
    void tableSkipsARecordWithAStrayQuoteAndReadsOn() throws IOException {
        Problems problems = new Problems(5);
        byte[] doc = bytes("a,b\n1,2\n\"x\"y,3\n4,5\n\"SELECT \"Id\" FROM Lead\",6\r\n7,8\n");
        List<String> read = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CsvTable t = CsvTable.open("t.csv", new ByteArrayInputStream(doc), problems)) {
            assertThat(t).isNotNull();
            while (t.next()) {
                read.add(t.get(0));
                lines.add(t.line());
            }
            assertThat(t.get(0)).isEmpty();
            assertThat(t.line()).isZero();
        }
        assertThat(read).containsExactly("1", "4", "7");
        assertThat(lines).containsExactly(2L, 4L, 6L);
        problems.endOfFile("t.csv");
        assertThat(problems.all())
                .extracting(Problem::kind, Problem::line)
                .containsExactly(
                        tuple(Problem.Kind.MALFORMED_ROW, 3L),
                        tuple(Problem.Kind.MALFORMED_ROW, 5L),
                        tuple(Problem.Kind.MALFORMED_ROWS_SKIPPED, 0L));
        assertThat(problems.all().getFirst().message())
                .isEqualTo("unexpected character after a closing quote in the record starting at line 3 (field 1);"
                        + " the record is skipped up to the end of its line");
    }

    @Test
    void aStrayQuoteIsSkippedToTheEndOfItsLineWhateverTheLineEnds() throws IOException {
        for (String end : List.of("\n", "\r", "\r\n")) {
            byte[] doc = bytes(String.join(end, "a,b", "1,2", "\"x\"y,3", "4,5", "\"p\"q,6", "7,8", ""));
            List<String> read = new ArrayList<>();
            List<Long> lines = new ArrayList<>();
            int malformed = 0;
            try (CsvBytes rows = CsvTable.bytes(trickle(doc, new Random(5), 3))) {
                while (true) {
                    try {
                        if (!rows.next()) {
                            break;
                        }
                        read.add(rows.field(0));
                        lines.add(rows.line());
                    } catch (CsvBytes.Malformed e) {
                        malformed++;
                    }
                }
            }
            assertThat(read)
                    .as("line ends %s", end.replace("\r", "CR").replace("\n", "LF"))
                    .containsExactly("a", "1", "4", "7");
            assertThat(lines).containsExactly(1L, 2L, 4L, 6L);
            assertThat(malformed).isEqualTo(2);
        }
    }

    @Test
    void aStrayQuoteInTheLastLineEndsTheReadingCleanly() throws IOException {
        byte[] doc = bytes("a,b\n1,2\n\"x\"y,3");
        try (CsvBytes rows = CsvTable.bytes(trickle(doc, new Random(3), 2))) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.next()).isTrue();
            assertThat(rows.field(0)).isEqualTo("1");
            assertThatThrownBy(rows::next).isInstanceOf(CsvBytes.Malformed.class);
            assertThat(rows.next()).isFalse();
        }
    }
}
