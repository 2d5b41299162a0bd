package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sink that reads findings as views receives what a sink of {@link Finding} records receives. */
class ViewSinkTest {
    /** Parts that keep what each view held, as records, in the order they came. */
    static final class Viewing implements PartedSink<Viewing.Part> {
        final List<Finding> findings = new ArrayList<>();
        final List<SubjectRecord> subjects = new ArrayList<>();
        int views;

        final class Part implements ScanSink {
            final List<Object> results = new ArrayList<>();

            @Override
            public void finding(Finding f) {
                results.add(f);
            }

            @Override
            public void found(FindingView view) {
                views++;
                results.add(view.toFinding());
            }

            @Override
            public void subject(SubjectRecord s) {
                results.add(s);
            }
        }

        @Override
        public Part newPart() {
            return new Part();
        }

        @Override
        public void merge(Part p) {
            for (Object o : p.results) {
                if (o instanceof Finding f) findings.add(f);
                else subjects.add((SubjectRecord) o);
            }
        }
    }

    private static final String TEXT = """
            mail jane.doe@Example.COM or JANE%40example.org or bob\\u0040example.net, call +49 30 901820
            card 4111 1111 1111 1111 12/25, order 4111111111111111, ssn 536-22-8726, iban DE89 3704 0044 0532 0130 00
            from 192.168.1.20 and 2001:db8::1, national (415) 555-0132, müller@example.com
            """;

    private static final String CSV = """
            name,email,phone,city,birthdate,country,ssn,order_id
            Jürgen Müller,J.M@Example.de,030 901820,Köln,1980-02-03,DE,536-22-8726,4111111111111111
            Jane Doe,jane@example.com,+1 415 555 0132,Boston,03/04/1975,US,,
            """;

    private static final String JSON = """
            {"name":"Zoë Ávila","email":"zoe@example.es","phone":"+34 612 345 678","ip":"10.0.0.7","iban":"ES9121000418450200051332"}
            {"contact":{"Phone":"030 901820"},"Country":"DE","card":"5555-5555-5555-4444"}
            """;

    @Test
    void viewsAreTheFindingsOfAPlainSinkInTheSameOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), TEXT);
        Files.writeString(dir.resolve("b.csv"), CSV);
        Files.writeString(dir.resolve("c.jsonl"), JSON);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
            g.write(TEXT.getBytes(UTF_8));
        }
        Files.write(dir.resolve("d.txt.gz"), gz.toByteArray());
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("in/e.csv"));
            z.write(CSV.getBytes(UTF_8));
            z.closeEntry();
        }
        Files.write(dir.resolve("e.zip"), zip.toByteArray());
        for (int threads : new int[] {1, 2}) {
            ScanOptions options = ScanOptions.defaults().withThreads(threads);
            Collected plain = new Collected();
            new PiiScanner(options).scanPaths(List.of(dir), plain, ScanProgress.NONE);
            Viewing viewing = new Viewing();
            new PiiScanner(options).scanPaths(List.of(dir), viewing, ScanProgress.NONE);
            assertThat(plain.findings).hasSizeGreaterThan(30);
            assertThat(viewing.findings).isEqualTo(plain.findings);
            assertThat(viewing.subjects).isEqualTo(plain.subjects);
            assertThat(viewing.views).isEqualTo(plain.findings.size());
            assertThat(plain.findings).extracting(Finding::entity).contains(Entity.values());
        }
    }
}
