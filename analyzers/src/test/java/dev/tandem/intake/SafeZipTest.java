package dev.tandem.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class SafeZipTest {
    private static byte[] zip(Object... nameAndContent) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                z.putNextEntry(new ZipEntry((String) nameAndContent[i]));
                Object c = nameAndContent[i + 1];
                z.write(c instanceof byte[] b ? b : ((String) c).getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static List<String> read(byte[] zip, SafeZip.Limits limits, Problems problems) throws Exception {
        List<String> seen = new ArrayList<>();
        SafeZip.read("evidence.zip", new ByteArrayInputStream(zip), limits, problems, (name, in) -> {
            in.readAllBytes();
            seen.add(name);
        });
        return seen;
    }

    @Test
    void skipsZipSlipEntriesAndReadsTheRest() throws Exception {
        Problems problems = new Problems(10);
        List<String> seen = read(
                zip(
                        "../../etc/cron.d/evil",
                        "x",
                        "/abs/path",
                        "x",
                        "C:/win.ini",
                        "x",
                        "profiles/Admin.profile",
                        "<a/>"),
                SafeZip.Limits.defaults(),
                problems);
        assertThat(seen).containsExactly("profiles/Admin.profile");
        assertThat(problems.all())
                .extracting(Problem::kind)
                .containsExactly(
                        Problem.Kind.UNSAFE_ARCHIVE_ENTRY,
                        Problem.Kind.UNSAFE_ARCHIVE_ENTRY,
                        Problem.Kind.UNSAFE_ARCHIVE_ENTRY);
        assertThat(problems.all().getFirst().message()).contains("zip slip");
    }

    @Test
    void abandonsAnEntryThatInflatesTooFast() throws Exception {
        Problems problems = new Problems(10);
        byte[] zeros = new byte[50 * 1024 * 1024];
        List<String> seen = read(zip("bomb.csv", zeros, "after.csv", "a"), SafeZip.Limits.defaults(), problems);
        assertThat(seen).doesNotContain("after.csv");
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.ARCHIVE_BOMB);
            assertThat(p.message()).contains("bomb.csv").contains("times its compressed size");
        });
    }

    @Test
    void stopsAtTheTotalInflatedSize() throws Exception {
        Problems problems = new Problems(10);
        byte[] text = "a,b,c\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        SafeZip.Limits small = new SafeZip.Limits(20_000, 1000, 1_000_000, 1_000_000);
        List<String> seen = read(zip("1.csv", text, "2.csv", text, "3.csv", text), small, problems);
        assertThat(seen).hasSizeLessThan(3);
        assertThat(problems.all()).extracting(Problem::kind).containsExactly(Problem.Kind.ARCHIVE_BOMB);
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(String file, byte[] gz, SafeZip.Limits limits, Problems problems) throws Exception {
        StringBuilder seen = new StringBuilder();
        SafeZip.gunzip(file, new ByteArrayInputStream(gz), limits, problems, (name, in) -> {
            seen.append(name).append(':').append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        });
        return seen.toString();
    }

    @Test
    void readsAGzipStreamAsOneEntryNamedAfterTheFile() throws Exception {
        Problems problems = new Problems(10);
        byte[] gz = gzip("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(gunzip("logs/2025-03-05/API.csv.gz", gz, SafeZip.Limits.defaults(), problems))
                .isEqualTo("API.csv:a,b\n1,2\n");
        assertThat(gunzip("capture", gz, SafeZip.Limits.defaults(), problems)).startsWith("content:");
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void abandonsAGzipStreamThatInflatesTooFast() throws Exception {
        Problems problems = new Problems(10);
        gunzip("bomb.csv.gz", gzip(new byte[50 * 1024 * 1024]), SafeZip.Limits.defaults(), problems);
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.ARCHIVE_BOMB);
            assertThat(p.file()).isEqualTo("bomb.csv.gz");
            assertThat(p.message()).contains("bomb.csv").contains("times its compressed size");
        });
    }

    @Test
    void reportsACutShortOrDamagedGzipStreamAsUnreadable() throws Exception {
        byte[] gz = gzip("a,b\n1,2\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        Problems cut = new Problems(10);
        gunzip("cut.csv.gz", java.util.Arrays.copyOf(gz, gz.length / 2), SafeZip.Limits.defaults(), cut);
        assertThat(cut.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE);
            assertThat(p.message()).startsWith("gzip reading failed: ");
        });
        Problems damaged = new Problems(10);
        byte[] bad = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7};
        gunzip("bad.gz", bad, SafeZip.Limits.defaults(), damaged);
        assertThat(damaged.all()).extracting(Problem::kind).containsExactly(Problem.Kind.UNREADABLE);
    }

    @Test
    void reportsANonZipAsUnreadable() throws Exception {
        Problems problems = new Problems(10);
        byte[] bad = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        read(bad, SafeZip.Limits.defaults(), problems);
        assertThat(problems.all()).extracting(Problem::kind).containsExactly(Problem.Kind.UNREADABLE);
    }
}
