package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PiiScannerTest {
    private static final ScanOptions ONE = ScanOptions.defaults().withThreads(1);

    @Test
    void reportsByteOffsetsAndLinesInUtf8Text() throws Exception {
        String text = "première ligne\nÜber: jane@example.com\n\nzweite 4111 1111 1111 1111\n";
        Collected c = Collected.scan(ONE, text.getBytes(UTF_8), "app.log");
        byte[] b = text.getBytes(UTF_8);
        assertThat(c.brief()).hasSize(2);
        Finding email = c.findings.get(0);
        assertThat(email.line()).isEqualTo(2);
        assertThat(new String(b, (int) email.start(), (int) (email.end() - email.start()), UTF_8))
                .isEqualTo("jane@example.com");
        assertThat(c.findings.get(1).line()).isEqualTo(4);
        assertThat(c.findings.get(1).masked()).isEqualTo("**** **** **** 1111");
        assertThat(c.scanned).containsExactly("app.log:" + b.length);
    }

    @Test
    void candidatesStraddlingBlockBoundariesAreFoundWithSmallBlocksAndManyThreads() throws Exception {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(7);
        String[] values = {
            "jane.doe@example.com",
            "4111 1111 1111 1111",
            "DE89 3704 0044 0532 0130 00",
            "+49 30 901820",
            "536-22-8726",
            "2001:db8::8a2e:370:7334",
            "192.168.10.20"
        };
        for (int i = 0; i < 400; i++) {
            sb.append("word ".repeat(r.nextInt(12)))
                    .append(values[i % values.length])
                    .append(r.nextBoolean() ? "\n" : " ; ");
        }
        byte[] b = sb.toString().getBytes(UTF_8);
        List<String> whole =
                Collected.scan(ONE.withChunkSize(1 << 20), b, "t.log").brief();
        assertThat(whole).hasSize(400);
        for (int chunk : new int[] {64, 97, 200, 1000}) {
            List<String> blocks = Collected.scan(
                            ScanOptions.defaults().withThreads(3).withChunkSize(chunk), b, "t.log")
                    .brief();
            assertThat(blocks).as("chunk " + chunk).isEqualTo(whole);
        }
    }

    /**
     * One JSON document (no record boundary inside, so it is read in blocks and keys fall across
     * them) with more distinct keys than the key table holds: keys in one piece, looked up by their
     * bytes, and keys in several, decoded piece by piece, give the same contexts.
     */
    @Test
    void jsonKeysInOnePieceOrSeveralAndBeyondTheKeyTableGiveTheSameFindings() throws Exception {
        StringBuilder sb = new StringBuilder("{\"customers\":[\n");
        for (int i = 0; i < 300; i++) {
            if (i > 0) sb.append(",\n");
            sb.append("{\"note_").append(i % 200).append("\":\"ok\",\"\":\"x\",");
            sb.append("\"email\":\"jane").append(i).append("@example.com\",");
            sb.append("\"MobilePhone\":\"+49 30 9018").append(200 + i).append("\",");
            // "name" gives its value the context of a person's name; a key longer than the blocks' split
            // window is cut between blocks, and only the whole of it says the card-like value is a
            // tracking number (its end, "…_by_the_carrier", says nothing)
            sb.append("\"name\":\"Jane Doe\",");
            sb.append("\"tracking_number_of_the_parcel_as_given_by_the_carrier\":\"4111 1111 1111 1111\"}");
        }
        sb.append("\n]}\n");
        sameInPartsAsWhole(sb.toString().getBytes(UTF_8), "doc.json", 900);
    }

    /** The same findings, subjects and totals as one part, wherever records fall against the parts. */
    private static void sameInPartsAsWhole(byte[] b, String name, int expectedFindings) throws Exception {
        Collected whole = Collected.scan(ONE.withChunkSize(1 << 20), b, name);
        assertThat(whole.findings).hasSize(expectedFindings);
        assertThat(whole.problems).isEmpty();
        for (int chunk : new int[] {64, 97, 200, 1000, 4096}) {
            for (int threads : new int[] {1, 3}) {
                Collected parts = Collected.scan(
                        ScanOptions.defaults().withThreads(threads).withChunkSize(chunk), b, name);
                String as = name + ", chunk " + chunk + ", threads " + threads;
                assertThat(parts.findings).as(as).isEqualTo(whole.findings);
                assertThat(parts.subjects).as(as).isEqualTo(whole.subjects);
                assertThat(parts.scanned).as(as).isEqualTo(whole.scanned);
                assertThat(parts.problems).as(as).isEmpty();
            }
        }
    }

    @Test
    void largeCsvIsCutAtRecordsNeverInsideAQuotedFieldAndEveryPartKnowsTheHeader() throws Exception {
        StringBuilder sb = new StringBuilder("Name;Email;Phone;\"Note\";MailingCountry\r\n");
        Random r = new Random(11);
        for (int i = 0; i < 300; i++) {
            sb.append(i % 3 == 0 ? "Jane Doe" : i % 3 == 1 ? "Jürgen Müller" : "Ana Lima")
                    .append(';');
            sb.append("jane").append(i).append("@example.com;");
            sb.append("+49 30 9018").append(200 + i).append(';');
            switch (r.nextInt(4)) {
                // a quoted note over lines, with the delimiter and doubled quotes inside
                case 0 -> sb.append("\"call\n+44 20 7946 0958; then \"\"mail\"\"\n4111 1111 1111 1111\"");
                // a quote inside an unquoted field is a plain character
                case 1 -> sb.append("6\" screen; ").append("x".repeat(r.nextInt(300)));
                case 2 -> sb.append("");
                default -> sb.append("536-22-8726 ").append("word ".repeat(r.nextInt(40)));
            }
            sb.append(';').append(i % 2 == 0 ? "Germany" : "France").append(i % 5 == 0 ? "\r\n" : "\n");
            if (i % 50 == 0) sb.append('\n');
        }
        byte[] b = sb.toString().getBytes(UTF_8);
        Collected whole = Collected.scan(ONE, b, "contacts.csv");
        assertThat(whole.subjects).hasSize(300);
        assertThat(whole.findings).filteredOn(f -> f.entity() == Entity.PERSON).hasSize(300);
        sameInPartsAsWhole(b, "contacts.csv", whole.findings.size());
    }

    @Test
    void largeJsonLinesAreCutAtRecordsAndOneLargeDocumentIsReadAsOne() throws Exception {
        StringBuilder lines = new StringBuilder();
        StringBuilder doc = new StringBuilder("{\"records\": [\n");
        for (int i = 0; i < 300; i++) {
            String rec = "{\"email\":\"user" + i
                    + "@example.com\",\"note\":\"line one\\n \\\" {[ 4111 1111 1111 1111\","
                    + "\"phone\":\"+49 30 9018" + (200 + i) + "\",\"n\":" + i + ",\"address\":{\"country\":\"FR\"},"
                    + "\"tags\":[1,\"a\\\"b\",null]}";
            lines.append(rec).append(i % 7 == 0 ? "\r\n" : "\n");
            doc.append("  ").append(rec).append(i < 299 ? ",\n" : "\n");
        }
        doc.append("]}\n");
        sameInPartsAsWhole(lines.toString().getBytes(UTF_8), "events.jsonl", 900);
        sameInPartsAsWhole(doc.toString().getBytes(UTF_8), "export.json", 900);
    }

    /** A parted sink: each part collects on its scanning thread, merging appends in order. */
    private static class PartedCollected implements PartedSink<Collected> {
        final Collected all = new Collected();
        final java.util.Set<String> partThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

        @Override
        public Collected newPart() {
            partThreads.add(Thread.currentThread().getName());
            return new Collected();
        }

        @Override
        public void merge(Collected part) {
            all.findings.addAll(part.findings);
            all.subjects.addAll(part.subjects);
        }

        @Override
        public void problem(InputProblem p) {
            all.problem(p);
        }

        @Override
        public void scanned(String file, long bytes) {
            all.scanned(file, bytes);
        }
    }

    @Test
    void aPartedSinkGetsTheSameResultsInTheSameOrderFilledOnTheScanningThreads() throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder csv = new StringBuilder("name,email,phone,country\n");
        for (int i = 0; i < 3000; i++) {
            text.append("line ").append(i).append(" from jane").append(i).append("@example.com\n");
            csv.append("Jane Doe,j").append(i).append("@example.com,+49 30 901820,DE\n");
        }
        ScanOptions many = ScanOptions.defaults().withThreads(3).withChunkSize(4096);
        for (String[] input : new String[][] {{"a.log", text.toString()}, {"b.csv", csv.toString()}}) {
            byte[] b = input[1].getBytes(UTF_8);
            Collected plain = Collected.scan(ONE, b, input[0]);
            PartedCollected parted = new PartedCollected();
            new PiiScanner(many)
                    .scan(new java.io.ByteArrayInputStream(b), input[0], Format.AUTO, parted, ScanProgress.NONE);
            assertThat(parted.all.brief()).as(input[0]).isEqualTo(plain.brief());
            assertThat(parted.all.subjects).as(input[0]).isEqualTo(plain.subjects);
            assertThat(parted.all.scanned).isEqualTo(plain.scanned);
            assertThat(parted.partThreads).allMatch(t -> t.equals("tandem-scan"));
        }
    }

    /**
     * An error on a scanning thread (a bug, the JVM out of memory) is told as a fatal problem and the
     * scan ends: the task used to die without closing its results, and the caller waited for them
     * forever.
     */
    @Test
    void anErrorOnAScanningThreadEndsTheScanWithAProblemInsteadOfHangingIt() throws Exception {
        StringBuilder text = new StringBuilder();
        StringBuilder csv = new StringBuilder("name,email\n");
        for (int i = 0; i < 2000; i++) {
            text.append("line ").append(i).append(" jane").append(i).append("@example.com\n");
            csv.append("Jane Doe,j").append(i).append("@example.com\n");
        }
        PartedCollected broken = new PartedCollected() {
            @Override
            public Collected newPart() {
                throw new AssertionError("a bug in the sink");
            }
        };
        // text cut in blocks, and CSV cut at records: both kinds of task
        for (String[] input : new String[][] {{"a.log", text.toString()}, {"b.csv", csv.toString()}}) {
            byte[] b = input[1].getBytes(UTF_8);
            PiiScanner.Report r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                    java.time.Duration.ofSeconds(30),
                    () -> new PiiScanner(ScanOptions.defaults().withThreads(2).withChunkSize(4096))
                            .scan(
                                    new java.io.ByteArrayInputStream(b),
                                    input[0],
                                    Format.AUTO,
                                    broken,
                                    ScanProgress.NONE));
            assertThat(r.problems()).as(input[0]).isNotEmpty().allSatisfy(p -> {
                assertThat(p.fatal()).isTrue();
                assertThat(p.reason()).isEqualTo("internal error: java.lang.AssertionError: a bug in the sink");
            });
        }
    }

    @Test
    void aHundredMegabyteLineDoesNotNeedAHundredMegabytes() throws Exception {
        // one line, no newline: blocks end at safe split bytes inside it
        Path dir = Files.createTempDirectory("line");
        Path f = dir.resolve("long.log");
        byte[] unit = "xxxxxxxx;jane@example.com;".getBytes(UTF_8);
        try (var out = Files.newOutputStream(f)) {
            byte[] block = new byte[unit.length * 40_000];
            for (int i = 0; i < 40_000; i++) System.arraycopy(unit, 0, block, i * unit.length, unit.length);
            for (int i = 0; i < 100; i++) out.write(block);
        }
        CountingSink count = new CountingSink();
        PiiScanner.Report r = new PiiScanner(ScanOptions.defaults()).scanPaths(List.of(f), count, ScanProgress.NONE);
        assertThat(count.n).isEqualTo(4_000_000);
        assertThat(count.maxLine).isEqualTo(1);
        assertThat(r.bytes()).isEqualTo(Files.size(f));
        Files.delete(f);
    }

    static final class CountingSink implements ScanSink {
        long n;
        long maxLine;

        @Override
        public void finding(Finding f) {
            n++;
            maxLine = Math.max(maxLine, f.line());
        }
    }

    @Test
    void csvHeadersGiveContext() throws Exception {
        String csv = "FirstName,LastName,Email,Phone,MailingStreet,MailingCity,MailingState,MailingCountry,Birthdate\n"
                + "Jane,Doe,jane@example.com,4155552671,1 Main St,San Francisco,CA,US,1980-02-03\n"
                + "\"Jürgen\",\"Müller\",juergen@example.de,+49 30 901820,\"Hauptstr. 5\",Berlin,,Germany,03.04.1975\r\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "contacts.csv");
        assertThat(c.findings.stream().map(f -> f.entity() + " " + f.value()))
                .containsExactly(
                        "PERSON Jane",
                        "PERSON Doe",
                        "EMAIL_ADDRESS jane@example.com",
                        "PHONE_NUMBER 4155552671",
                        "LOCATION 1 Main St",
                        "LOCATION San Francisco",
                        "DATE_OF_BIRTH 1980-02-03",
                        "PERSON Jürgen",
                        "PERSON Müller",
                        "EMAIL_ADDRESS juergen@example.de",
                        "PHONE_NUMBER +49 30 901820",
                        "LOCATION Hauptstr. 5",
                        "LOCATION Berlin",
                        "DATE_OF_BIRTH 03.04.1975");
        byte[] b = csv.getBytes(UTF_8);
        for (Finding f : c.findings) {
            assertThat(new String(b, (int) f.start(), (int) (f.end() - f.start()), UTF_8))
                    .isEqualTo(f.value());
        }
        assertThat(c.findings.get(7).line()).isEqualTo(3);
        assertThat(c.subjects)
                .extracting(SubjectRecord::identity, SubjectRecord::jurisdiction)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS:jane@example.com", "US-CA"),
                        org.assertj.core.groups.Tuple.tuple("EMAIL_ADDRESS:juergen@example.de", "DE"));
    }

    @Test
    void csvQuotedFieldsMayHoldNewlinesAndDelimiters() throws Exception {
        String csv =
                "id\tnote\tName\n1\t\"call +44 20 7946 0958,\nthen \"\"mail\"\" bob@example.org\"\tAcme Corp\n2\tx\tJohn Smith\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "notes.tsv");
        assertThat(c.brief())
                .containsExactly(
                        at(csv, 2, "+44 20 7946 0958", "PHONE_NUMBER"),
                        at(csv, 3, "bob@example.org", "EMAIL_ADDRESS"),
                        at(csv, 4, "John Smith", "PERSON"));
    }

    @Test
    void jsonKeysGiveContextIncludingSalesforceNestedAddresses() throws Exception {
        String json = """
                {"totalSize":2,"records":[
                  {"attributes":{"type":"Contact"},"FirstName":"Ada","LastName":"Lovelace","Email":"ada@example.com",
                   "MailingAddress":{"street":"12 St James's Sq","city":"London","country":"United Kingdom"},"Birthdate":"1815-12-10"},
                  {"Name":"Acme Widgets 3000","Phone":"(415) 555-2671","MailingState":"Texas","Description":4111111111111111}
                ]}
                """;
        Collected c = Collected.scan(ONE, json.getBytes(UTF_8), "contacts.json");
        assertThat(c.findings.stream().map(f -> f.entity() + " " + f.value()))
                .containsExactly(
                        "PERSON Ada",
                        "PERSON Lovelace",
                        "EMAIL_ADDRESS ada@example.com",
                        "LOCATION 12 St James's Sq",
                        "LOCATION London",
                        "DATE_OF_BIRTH 1815-12-10",
                        "PHONE_NUMBER (415) 555-2671",
                        "CREDIT_CARD 4111111111111111");
        assertThat(c.subjects).extracting(SubjectRecord::jurisdiction).containsExactly("GB", "US-TX");
        assertThat(c.findings.get(6).line()).isEqualTo(4);
    }

    @Test
    void jsonLinesAreScannedRecordByRecord() throws Exception {
        String jsonl =
                "{\"email\":\"a@example.com\",\"country\":\"DE\"}\n{\"email\":\"b@example.com\",\"country\":\"FR\"}\n";
        Collected c = Collected.scan(ONE, jsonl.getBytes(UTF_8), "events.jsonl");
        assertThat(c.brief())
                .containsExactly(
                        "events.jsonl:1:10-23 EMAIL_ADDRESS a@example.com",
                        "events.jsonl:2:51-64 EMAIL_ADDRESS b@example.com");
        assertThat(c.subjects).extracting(SubjectRecord::jurisdiction).containsExactly("DE", "FR");
    }

    @Test
    void harBodiesAreBase64DecodedUrlsPercentDecodedAndNamedByJsonPointer() throws Exception {
        String body = java.util.Base64.getEncoder()
                .encodeToString(
                        "{\"customer\":{\"email\":\"eve@example.com\",\"lastName\":\"Smith\"}}".getBytes(UTF_8));
        String har = """
                {"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
                 {"request":{"method":"POST","url":"https://pay.example/checkout?email=bob%40example.com&card=4111111111111111",
                   "headers":[{"name":"X-Client-IP","value":"203.0.113.9"}]},
                  "response":{"status":200,"content":{"mimeType":"application/json","encoding":"base64","text":"%s"}}}
                ]}}
                """.replace("%s", body);
        Collected c = Collected.scan(ONE, har.getBytes(UTF_8), "capture.har");
        assertThat(c.problems).isEmpty();
        assertThat(c.brief())
                .containsExactly(
                        // percent-decoded, with offsets into the URL as captured ("bob%40example.com")
                        "capture.har!/log/entries/0/request/url:1:35-52 EMAIL_ADDRESS bob@example.com",
                        "capture.har!/log/entries/0/request/url:1:58-74 CREDIT_CARD 4111111111111111",
                        "capture.har!/log/entries/0/request/headers/0/value:1:0-11 IP_ADDRESS 203.0.113.9",
                        "capture.har!/log/entries/0/response/content/text:1:22-37 EMAIL_ADDRESS eve@example.com",
                        "capture.har!/log/entries/0/response/content/text:1:51-56 PERSON Smith");
    }

    @Test
    void harPercentDecodesOnlyUrlEncodedFieldsAndKeepsLinesOfTheCapturedValue() throws Exception {
        String har = """
                {"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
                 {"request":{"method":"POST","url":"https://crm.example/cb",
                   "queryString":[{"name":"who","value":"ann%40example.com"}],
                   "postData":{"mimeType":"application/x-www-form-urlencoded; charset=UTF-8",
                     "text":"note=a%0Ab&email=carl%40example.com"}},
                  "response":{"status":200,"content":{"mimeType":"application/json",
                   "text":"{\\"next\\":\\"https://a/cb?q=%22x\\",\\"lastName\\":\\"Smith\\"}"}}}
                ]}}
                """;
        Collected c = Collected.scan(ONE, har.getBytes(UTF_8), "capture.har");
        assertThat(c.problems).isEmpty();
        assertThat(c.brief())
                .containsExactly(
                        "capture.har!/log/entries/0/request/queryString/0/value:1:0-17 EMAIL_ADDRESS ann@example.com",
                        // "%0A" decodes to a line break, but the captured value is one line
                        "capture.har!/log/entries/0/request/postData/text:1:17-35 EMAIL_ADDRESS carl@example.com",
                        // a body is not percent-decoded: "%22" would have become a quote and hidden the name
                        "capture.har!/log/entries/0/response/content/text:1:42-47 PERSON Smith");
    }

    @Test
    void harFormBodiesReadPlusAsASpaceAndPercent2BAsAPlusSign() throws Exception {
        // a checkout form posted by a browser: spaces are '+', a '+' of a phone or an address tag %2B
        String body = "name=Emily+Johnson&email=emily%2Bshop%40gmail.com&phone=%2B49+30+901820&country=DE";
        String har = """
                {"log":{"version":"1.2","creator":{"name":"t","version":"1"},"entries":[
                 {"request":{"method":"POST","url":"https://shop.example/checkout?ref=a+b",
                   "postData":{"mimeType":"application/x-www-form-urlencoded","text":"%s",
                     "params":[{"name":"phone","value":"%2B33+6+12+34+56+78"}]}},
                  "response":{"status":200,"content":{"mimeType":"text/html","text":"ok"}}}
                ]}}
                """.replace("%s", body);
        Collected c = Collected.scan(ONE, har.getBytes(UTF_8), "checkout.har");
        assertThat(c.problems).isEmpty();
        int email = body.indexOf("emily%2B");
        int phone = body.indexOf("%2B49");
        String text = "checkout.har!/log/entries/0/request/postData/";
        assertThat(c.brief())
                .containsExactly(
                        text + "text:1:" + email + "-" + (email + "emily%2Bshop%40gmail.com".length())
                                + " EMAIL_ADDRESS emily+shop@gmail.com",
                        text + "text:1:" + phone + "-" + (phone + "%2B49+30+901820".length())
                                + " PHONE_NUMBER +49 30 901820",
                        text + "params/0/value:1:0-19 PHONE_NUMBER +33 6 12 34 56 78");
        assertThat(c.findings)
                .extracting(Finding::normalized)
                .containsExactly("emily+shop@gmail.com", "+4930901820", "+33612345678");
    }

    @Test
    void nestedArchivesNameTheirEntries(@TempDir Path dir) throws Exception {
        byte[] inner = zip("people.csv", "Email\nann@example.com\n".getBytes(UTF_8));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (var g = new GZIPOutputStream(gz)) {
            g.write("login from 10.1.2.3\n".getBytes(UTF_8));
        }
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(outer)) {
            z.putNextEntry(new ZipEntry("export/inner.zip"));
            z.write(inner);
            z.putNextEntry(new ZipEntry("logs/app.log.gz"));
            z.write(gz.toByteArray());
            z.putNextEntry(new ZipEntry("../../etc/evil.txt"));
            z.write("eve@example.com".getBytes(UTF_8));
        }
        Path f = dir.resolve("leak.zip");
        Files.write(f, outer.toByteArray());
        Collected c = new Collected();
        new PiiScanner(ONE).scanPaths(List.of(f), c, ScanProgress.NONE);
        String z = f.toString();
        assertThat(c.brief())
                .containsExactly(
                        z + "!/export/inner.zip!/people.csv:2:6-21 EMAIL_ADDRESS ann@example.com",
                        z + "!/logs/app.log.gz!/app.log:1:11-19 IP_ADDRESS 10.1.2.3");
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("!/../../etc/evil.txt");
            assertThat(p.reason()).contains("zip slip");
        });
    }

    @Test
    void zipBombIsStoppedAndReportedWhileOtherFilesGoOn(@TempDir Path dir) throws Exception {
        // 200 MiB of zeros compress about 1000:1; a 64 MiB floor then a ratio of 100 trips the limit
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(outer)) {
            z.putNextEntry(new ZipEntry("zeros.txt"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 200; i++) z.write(zeros);
        }
        Path bomb = dir.resolve("a-bomb.zip");
        Files.write(bomb, outer.toByteArray());
        Path ok = dir.resolve("b.log");
        Files.writeString(ok, "mail jane@example.com\n");
        Collected c = new Collected();
        var report = new PiiScanner(ONE.withLimits(1L << 40, 100, 4)).scanPaths(List.of(dir), c, ScanProgress.NONE);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(bomb.toString());
            assertThat(p.reason()).contains("zip bomb");
        });
        assertThat(c.brief()).containsExactly(ok + ":1:5-21 EMAIL_ADDRESS jane@example.com");
        assertThat(report.fatalProblem()).isFalse();
    }

    @Test
    void nestingDepthIsLimited(@TempDir Path dir) throws Exception {
        byte[] z = "deep jane@example.com".getBytes(UTF_8);
        String name = "x.txt";
        for (int i = 0; i < 6; i++) {
            z = zip(name, z);
            name = "level" + i + ".zip";
        }
        Path f = dir.resolve("deep.zip");
        Files.write(f, z);
        Collected c = new Collected();
        new PiiScanner(ONE).scanPaths(List.of(f), c, ScanProgress.NONE);
        assertThat(c.findings).isEmpty();
        assertThat(c.problems)
                .singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("nested deeper"));
    }

    @Test
    void corruptArchiveAndMissingFileAreReportedAndTheRestGoesOn(@TempDir Path dir) throws Exception {
        byte[] good = zip("a.txt", "x 4111111111111111 y ".repeat(2000).getBytes(UTF_8));
        byte[] corrupt = java.util.Arrays.copyOf(good, good.length / 2);
        Path bad = dir.resolve("broken.zip");
        Files.write(bad, corrupt);
        Path fine = dir.resolve("fine.txt");
        Files.writeString(fine, "ip 8.8.8.8");
        Collected c = new Collected();
        var report =
                new PiiScanner(ONE).scanPaths(List.of(bad, dir.resolve("missing.txt"), fine), c, ScanProgress.NONE);
        assertThat(c.problems).hasSize(2);
        assertThat(c.problems.get(0).file()).isEqualTo(bad.toString());
        assertThat(c.problems.get(0).fatal()).isFalse();
        assertThat(c.problems.get(1).reason()).isEqualTo("no such file or folder");
        assertThat(c.problems.get(1).fatal()).isTrue();
        assertThat(c.findings.getLast().value()).isEqualTo("8.8.8.8");
        assertThat(report.fatalProblem()).isTrue();
    }

    /** Each real file once: a folder and a file in it, two folders one inside the other, a link beside its file. */
    @Test
    void aFileNamedAgainByAFolderOrALinkIsScannedOnce(@TempDir Path dir) throws Exception {
        Path sub = Files.createDirectories(dir.resolve("sub"));
        Path f = sub.resolve("a.txt");
        Files.writeString(f, "jane@example.com");
        Files.createSymbolicLink(sub.resolve("b.txt"), f);
        for (List<Path> paths : List.of(List.of(f, dir), List.of(dir, f), List.of(sub, dir), List.of(dir, sub))) {
            Collected c = new Collected();
            PiiScanner.Report r = new PiiScanner(ONE).scanPaths(paths, c, ScanProgress.NONE);
            assertThat(c.findings).as(paths.toString()).hasSize(1);
            assertThat(r.files()).as(paths.toString()).isEqualTo(1);
            assertThat(c.scanned).as(paths.toString()).containsExactly(f + ":" + Files.size(f));
        }
    }

    @Test
    void unreadableFileIsReportedWithTheReason(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("secret.txt");
        Files.writeString(f, "jane@example.com");
        boolean root = "root".equals(System.getProperty("user.name"));
        f.toFile().setReadable(false);
        Collected c = new Collected();
        new PiiScanner(ONE).scanPaths(List.of(dir), c, ScanProgress.NONE);
        if (root) {
            // root reads anything: the permission cannot be taken away here
            assertThat(c.findings).hasSize(1);
        } else {
            assertThat(c.problems)
                    .singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("permission denied"));
        }
    }

    /**
     * A subfolder that cannot be opened is reported by its own path and the rest of the folder is
     * scanned in path order. Tests run as root, which mode bits cannot deny: the folder is refused
     * by the walk's gate with the exception the file system gives a non-root user.
     */
    @Test
    void anUnreadableSubfolderIsReportedAndTheRestOfTheFolderIsScanned(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "email\njane@example.com\n");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("hidden.txt"), "joe@example.com");
        Files.writeString(dir.resolve("z.txt"), "max@example.com");
        FolderWalk.Gate denySub = d -> {
            if (d.equals(sub)) throw new java.nio.file.AccessDeniedException(d.toString());
        };
        Collected c = new Collected();
        PiiScanner.Report report = new PiiScanner(ONE, denySub).scanPaths(List.of(dir), c, ScanProgress.NONE);
        assertThat(c.findings).extracting(Finding::value).containsExactly("jane@example.com", "max@example.com");
        assertThat(c.problems)
                .containsExactly(new InputProblem(sub.toString(), "folder not readable: permission denied", false));
        assertThat(report.fatalProblem()).isFalse();
        assertThat(report.files()).isEqualTo(2);
    }

    @Test
    void aNamedFolderThatCannotBeOpenedIsFatal(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.txt"), "jane@example.com");
        FolderWalk.Gate denyAll = d -> {
            throw new java.nio.file.AccessDeniedException(d.toString());
        };
        Collected c = new Collected();
        PiiScanner.Report report = new PiiScanner(ONE, denyAll).scanPaths(List.of(dir), c, ScanProgress.NONE);
        assertThat(c.findings).isEmpty();
        assertThat(c.problems)
                .containsExactly(new InputProblem(dir.toString(), "folder not readable: permission denied", true));
        assertThat(report.fatalProblem()).isTrue();
    }

    @Test
    void aSubfolderWithoutReadPermissionIsReportedWhenNotRoot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("ok.csv"), "email\njane@example.com\n");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Files.writeString(sub.resolve("x.txt"), "joe@example.com");
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.setPosixFilePermissions(sub, java.util.Set.of());
        try {
            Collected c = new Collected();
            new PiiScanner(ONE).scanPaths(List.of(dir), c, ScanProgress.NONE);
            if (root) {
                // root reads anything: the permission cannot be taken away here
                assertThat(c.findings).hasSize(2);
            } else {
                assertThat(c.findings).extracting(Finding::value).containsExactly("jane@example.com");
                assertThat(c.problems)
                        .containsExactly(
                                new InputProblem(sub.toString(), "folder not readable: permission denied", false));
            }
        } finally {
            Files.setPosixFilePermissions(sub, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var g = new GZIPOutputStream(bytes)) {
            g.write(content);
        }
        return bytes.toByteArray();
    }

    /** A log of {@code n} lines, each with a distinct e-mail address and an incompressible token. */
    private static byte[] accessLog(int n) {
        StringBuilder sb = new StringBuilder();
        Random r = new Random(3);
        for (int i = 0; i < n; i++)
            sb.append("GET /account?email=user")
                    .append(i)
                    .append("@gmx.de token=")
                    .append(Long.toHexString(r.nextLong()))
                    .append('\n');
        return sb.toString().getBytes(UTF_8);
    }

    @Test
    void aTruncatedGzipKeepsTheFindingsOfWhatWasInflatedAndSaysItIsTruncated(@TempDir Path dir) throws Exception {
        byte[] gz = gzip(accessLog(3000));
        Path f = dir.resolve("access.log.gz");
        Files.write(f, java.util.Arrays.copyOf(gz, gz.length * 6 / 10));
        Collected c = new Collected();
        PiiScanner.Report report = new PiiScanner(ONE).scanPaths(List.of(f), c, ScanProgress.NONE);
        assertThat(c.findings).hasSizeBetween(1000, 2999);
        assertThat(c.findings.getFirst().value()).isEqualTo("user0@gmx.de");
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.reason()).startsWith("gzip archive truncated: its content ends after byte ");
            assertThat(p.reason()).doesNotContain("Exception");
            assertThat(p.fatal()).isFalse();
        });
        assertThat(report.fatalProblem()).isFalse();
        assertThat(c.scanned).containsExactly(f + ":" + (gz.length * 6 / 10));
    }

    /** Scans {@code path} alone: its one problem is {@code reason} on {@code file}, fatal or not, and so is the scan. */
    private static void onlyProblem(Path path, Path file, String reason, boolean fatal) throws Exception {
        Collected c = new Collected();
        PiiScanner.Report report = new PiiScanner(ONE).scanPaths(List.of(path), c, ScanProgress.NONE);
        assertThat(c.problems).containsExactly(new InputProblem(file.toString(), reason, fatal));
        assertThat(report.fatalProblem()).isEqualTo(fatal);
    }

    @Test
    void aNamedZipOfWhichNothingCanBeReadIsFatalAndInsideAFolderIsNot(@TempDir Path dir) throws Exception {
        byte[] garbage = ("PK\3\4\u0014\0\0\0\b\0" + "garbage".repeat(40))
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path sub = Files.createDirectory(dir.resolve("in"));
        Path f = sub.resolve("corrupt.zip");
        Files.write(f, garbage);
        onlyProblem(f, f, "zip archive corrupt or truncated: no entry could be read", true);
        onlyProblem(sub, f, "zip archive corrupt or truncated: no entry could be read", false);
    }

    @Test
    void anEncryptedZipSaysSoAndANamedOneCannotBeReadAtAll(@TempDir Path dir) throws Exception {
        byte[] z = zip("a.txt", "jane@example.com".getBytes(UTF_8));
        z[6] |= 1; // general purpose flag bit 0 of the local header: encrypted
        Path f = dir.resolve("enc.zip");
        Files.write(f, z);
        onlyProblem(f, f, "zip archive corrupt (encrypted ZIP entry not supported): no entry could be read", true);
    }

    @Test
    void aTruncatedZipKeepsTheEntriesBeforeTheCutAndWhatWasInflatedOfTheCutOne() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("first.txt"));
            z.write("jane@example.com\n".getBytes(UTF_8));
            z.putNextEntry(new ZipEntry("second.log"));
            z.write(accessLog(3000));
        }
        byte[] whole = bytes.toByteArray();
        Collected c = Collected.scan(ONE, java.util.Arrays.copyOf(whole, whole.length / 2), "export.zip");
        assertThat(c.findings.getFirst().value()).isEqualTo("jane@example.com");
        assertThat(c.findings.get(1).file()).isEqualTo("export.zip!/second.log");
        assertThat(c.findings).hasSizeGreaterThan(500);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.reason())
                    .startsWith("zip archive truncated in entry second.log after byte ")
                    .endsWith("; what came before was scanned");
            assertThat(p.fatal()).isFalse();
        });
    }

    @Test
    void aTruncatedGzipInsideAnIntactZipIsReportedAndTheNextEntryIsScanned() throws Exception {
        byte[] gz = gzip(accessLog(3000));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("cut.log.gz"));
            z.write(java.util.Arrays.copyOf(gz, gz.length / 2));
            z.putNextEntry(new ZipEntry("next.txt"));
            z.write("max@example.com".getBytes(UTF_8));
        }
        Collected c = Collected.scan(ONE, bytes.toByteArray(), "bundle.zip");
        assertThat(c.findings.getLast().value()).isEqualTo("max@example.com");
        assertThat(c.findings).hasSizeGreaterThan(500);
        assertThat(c.problems).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("bundle.zip!/cut.log.gz");
            assertThat(p.reason()).startsWith("gzip archive truncated: its content ends after byte ");
        });
    }

    /** Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated. */
    private static final String EXCEL_UNICODE =
            "First Name\tLast Name\tEmail\tPhone\tCountry\r\nLena\tMüller\tlena.mueller@gmx.de\t+49 151 23456789\tDE\r\n";

    private static byte[] utf16(String text, boolean littleEndian) {
        byte[] bom = littleEndian ? new byte[] {(byte) 0xff, (byte) 0xfe} : new byte[] {(byte) 0xfe, (byte) 0xff};
        byte[] body = text.getBytes(
                littleEndian ? java.nio.charset.StandardCharsets.UTF_16LE : java.nio.charset.StandardCharsets.UTF_16BE);
        byte[] all = java.util.Arrays.copyOf(bom, 2 + body.length);
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }

    @Test
    void utf16TextWithAByteOrderMarkIsScannedWithOffsetsIntoItsUtf8Form() throws Exception {
        byte[] utf8 = EXCEL_UNICODE.getBytes(UTF_8);
        // offsets into the UTF-8 bytes: ü is two bytes there
        int s = new String(utf8, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("lena.mueller");
        assertThat(s).isEqualTo(EXCEL_UNICODE.indexOf("lena.mueller") + 1);
        for (boolean le : new boolean[] {true, false}) {
            Collected c = Collected.scan(ONE, utf16(EXCEL_UNICODE, le), "export.txt");
            assertThat(c.brief())
                    .as(le ? "UTF-16LE" : "UTF-16BE")
                    .containsExactly(
                            "export.txt:2:" + s + "-" + (s + 19) + " EMAIL_ADDRESS lena.mueller@gmx.de",
                            "export.txt:2:" + (s + 20) + "-" + (s + 36) + " PHONE_NUMBER +49 151 23456789");
            assertThat(c.problems).isEmpty();
            assertThat(c.scanned).containsExactly("export.txt:" + utf8.length);
        }
    }

    @Test
    void utf16CsvIsReadWithItsColumnsOnAnyThreadsAndInsideAnArchive() throws Exception {
        StringBuilder sb = new StringBuilder("Email,Phone,Country\n");
        for (int i = 0; i < 400; i++)
            sb.append("c")
                    .append(i)
                    .append("@example-mail.de,0151 2345")
                    .append(1000 + i)
                    .append(",DE\n");
        byte[] utf16 = utf16(sb.toString(), true);
        List<String> one =
                Collected.scan(ONE.withChunkSize(4096), utf16, "customers.csv").brief();
        assertThat(one).hasSize(800);
        assertThat(one.get(1)).endsWith(" PHONE_NUMBER 0151 23451000");
        assertThat(Collected.scan(ScanOptions.defaults().withThreads(2).withChunkSize(4096), utf16, "customers.csv")
                        .brief())
                .isEqualTo(one);
        Collected zipped = Collected.scan(ONE, zip("customers.csv", utf16), "export.zip");
        assertThat(zipped.brief())
                .isEqualTo(one.stream().map(l -> "export.zip!/" + l).toList());
    }

    /** Shopify's order export with an inch mark in a quoted product name (row {@code stray}), as in the review. */
    private static byte[] ordersWithAStrayQuote(int rows, int stray) {
        StringBuilder sb = new StringBuilder("Email,Lineitem name,Phone,Country\n");
        for (int i = 0; i < rows; i++) {
            String item = i == stray ? "Samsung 55\" TV" : "Kabel";
            sb.append("\"c")
                    .append(i)
                    .append("@example-mail.de\",\"")
                    .append(item)
                    .append("\",\"0151 2345")
                    .append(String.format("%04d", i))
                    .append("\",\"DE\"\n");
        }
        return sb.toString().getBytes(UTF_8);
    }

    @Test
    void aStrayQuoteInACsvFieldKeepsTheColumnsOfTheRowsAfterIt() throws Exception {
        byte[] csv = ordersWithAStrayQuote(2000, 1);
        Collected c = Collected.scan(ONE, csv, "orders.csv");
        assertThat(c.findings.stream().filter(f -> f.entity() == Entity.PHONE_NUMBER))
                .hasSize(2000);
        assertThat(c.findings.stream().filter(f -> f.entity() == Entity.EMAIL_ADDRESS))
                .hasSize(2000);
        assertThat(c.subjects)
                .hasSize(2000)
                .allSatisfy(s -> assertThat(s.jurisdiction()).isEqualTo("DE"));
        assertThat(c.problems).isEmpty();
        assertThat(c.brief())
                .contains("orders.csv:3:" + (new String(csv, UTF_8).indexOf("0151 23450001")) + "-"
                        + (new String(csv, UTF_8).indexOf("0151 23450001") + 13) + " PHONE_NUMBER 0151 23450001");
    }

    /**
     * The parts a CSV is cut into for several threads end where the whole-file reader ends a record,
     * stray quotes included: one thread reading the file whole and two reading small parts give the
     * same results, in the same order.
     */
    @Test
    void csvWithStrayQuotesGivesTheSameResultsWholeOrInPartsOnTwoThreads() throws Exception {
        byte[] csv = ordersWithAStrayQuote(2000, 1);
        Collected whole = Collected.scan(ONE, csv, "orders.csv");
        Collected parted = Collected.scan(ScanOptions.defaults().withThreads(2).withChunkSize(4096), csv, "orders.csv");
        assertThat(parted.brief()).isEqualTo(whole.brief());
        assertThat(parted.subjects).isEqualTo(whole.subjects);
        Random r = new Random(5);
        String[] odd = {"55\" TV", "\"", "a\"b\"c", "x\"\"", "\" ", "\"\r"};
        for (int round = 0; round < 20; round++) {
            StringBuilder sb = new StringBuilder("Email,Lineitem name,Phone,Country\n");
            for (int i = 0; i < 600; i++) {
                String item = r.nextInt(20) == 0 ? odd[r.nextInt(odd.length)] : "Kabel";
                boolean quoted = r.nextBoolean();
                sb.append(quoted ? "\"" : "")
                        .append("c")
                        .append(i)
                        .append("@example-mail.de")
                        .append(quoted ? "\"" : "")
                        .append(",\"")
                        .append(item)
                        .append("\",0151 2345")
                        .append(String.format("%04d", i))
                        .append(",DE\n");
            }
            byte[] b = sb.toString().getBytes(UTF_8);
            Collected one = Collected.scan(ONE, b, "r.csv");
            Collected two = Collected.scan(ScanOptions.defaults().withThreads(2).withChunkSize(1024), b, "r.csv");
            assertThat(two.brief()).as("round " + round).isEqualTo(one.brief());
            assertThat(two.subjects).as("round " + round).isEqualTo(one.subjects);
        }
    }

    @Test
    void interruptionStopsTheScan() throws Exception {
        byte[] big = "jane@example.com 4111111111111111\n".repeat(200_000).getBytes(UTF_8);
        Thread.currentThread().interrupt();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Collected.scan(ONE.withChunkSize(4096), big, "big.log"))
                .isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    /** "notes.tsv:L:S-E ENTITY value" for an ASCII value in an ASCII text. */
    private static String at(String text, int line, String value, String entity) {
        int s = text.indexOf(value);
        return "notes.tsv:" + line + ":" + s + "-" + (s + value.length()) + " " + entity + " " + value;
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (var z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
        }
        return bytes.toByteArray();
    }
}
