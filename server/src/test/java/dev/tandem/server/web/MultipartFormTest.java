package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartFormTest {
    private static final String BOUNDARY = "----WebKitFormBoundaryx7Yq2TQ9sCk1mZ0a";
    private static final String TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    /** A body as Chromium sends the upload form: fields, then the file. */
    private static byte[] body(byte[] file, String filenameHeader) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"repository\"\r\n\r\nAUDIT\r\n");
        write(
                out,
                "--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\nline one\r\nline two, Ünïcode\r\n");
        write(
                out,
                "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; " + filenameHeader
                        + "\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.writeBytes(file);
        write(out, "\r\n--" + BOUNDARY + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** Hands out at most {@code max} bytes a read, at random: how a socket may deliver a body. */
    private static InputStream chunked(byte[] body, long seed, int max) {
        Random random = new Random(seed);
        return new FilterInputStream(new ByteArrayInputStream(body)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(max)));
            }
        };
    }

    /** File content that looks like the delimiter's beginning in many places, and ends with CR LF. */
    private static byte[] treacherousFile() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 200; i++) {
            write(out, "\r\n--" + BOUNDARY.substring(0, i % BOUNDARY.length()) + "\r\r\n-\n");
        }
        write(out, "\r\n--" + BOUNDARY.substring(0, BOUNDARY.length() - 1) + "X\r\n");
        return out.toByteArray();
    }

    @Test
    void readsFieldsThenStreamsTheFileWhateverTheChunking() throws Exception {
        byte[] file = treacherousFile();
        byte[] body = body(file, "filename=\"export.csv\"");
        for (int max : new int[] {1, 2, 7, 64, 4096, 1 << 20}) {
            for (long seed = 0; seed < 5; seed++) {
                MultipartForm form = new MultipartForm(TYPE, chunked(body, seed, max));
                MultipartForm.Part repository = form.next();
                assertThat(repository.name()).isEqualTo("repository");
                assertThat(repository.isFile()).isFalse();
                assertThat(repository.text(100)).isEqualTo("AUDIT");
                MultipartForm.Part description = form.next();
                assertThat(description.text(100)).isEqualTo("line one\r\nline two, Ünïcode");
                MultipartForm.Part part = form.next();
                assertThat(part.isFile()).isTrue();
                assertThat(part.filename()).isEqualTo("export.csv");
                assertThat(part.contentType()).isEqualTo("application/octet-stream");
                assertThat(part.body().readAllBytes())
                        .as("chunks of at most %d", max)
                        .isEqualTo(file);
                assertThat(form.next()).isNull();
                assertThat(form.next()).isNull();
            }
        }
    }

    @Test
    void streamsALargeFileByteForByte() throws Exception {
        byte[] file = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(file);
        byte[] body = body(file, "filename=\"disk.img\"");
        MultipartForm form = new MultipartForm(TYPE, chunked(body, 1, 70_000));
        form.next();
        form.next();
        MultipartForm.Part part = form.next();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[8192];
        long n = 0;
        try (InputStream in = part.body()) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                sha.update(buf, 0, r);
                n += r;
            }
        }
        assertThat(n).isEqualTo(file.length);
        assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(file));
    }

    @Test
    void skipsUnreadBodiesThePreambleAndTheEpilogue() throws Exception {
        byte[] inner = body("content".getBytes(StandardCharsets.US_ASCII), "filename=\"a.txt\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "This is the preamble.\r\n");
        out.writeBytes(inner);
        write(out, "and an epilogue\r\n");
        MultipartForm form = new MultipartForm(TYPE, new ByteArrayInputStream(out.toByteArray()));
        assertThat(form.next().name()).isEqualTo("repository");
        assertThat(form.next().name()).isEqualTo("description");
        assertThat(form.next().filename()).isEqualTo("a.txt");
        assertThat(form.next()).isNull();
    }

    @Test
    void decodesFileNamesAsBrowsersEncodeThem() throws Exception {
        MultipartForm.Part quoted = partWith("filename=\"memo %22draft%22 ü.md\"");
        assertThat(quoted.filename()).isEqualTo("memo \"draft\" ü.md");
        MultipartForm.Part extended = partWith("filename=\"x\"; filename*=UTF-8''%C3%BCber%20alles.txt");
        assertThat(extended.filename()).isEqualTo("über alles.txt");
        MultipartForm.Part empty = partWith("filename=\"\"");
        assertThat(empty.isFile()).isTrue();
        assertThat(empty.filename()).isEmpty();
    }

    private static MultipartForm.Part partWith(String filenameHeader) throws IOException {
        MultipartForm form =
                new MultipartForm(TYPE, new ByteArrayInputStream(body(new byte[] {1, 2, 3}, filenameHeader)));
        form.next();
        form.next();
        return form.next();
    }

    @Test
    void refusesWhatIsNotAMultipartForm() {
        assertThatThrownBy(() -> new MultipartForm("application/x-www-form-urlencoded", InputStream.nullInputStream()))
                .isInstanceOf(MultipartForm.MalformedException.class)
                .hasMessageContaining("multipart/form-data");
        assertThatThrownBy(() -> new MultipartForm("multipart/form-data", InputStream.nullInputStream()))
                .hasMessageContaining("boundary");
        assertThatThrownBy(() -> new MultipartForm(
                        "multipart/form-data; boundary=" + "b".repeat(71), InputStream.nullInputStream()))
                .hasMessageContaining("1 to 70");
    }

    @Test
    void aBodyCutOffMidFileFailsTheRead() throws Exception {
        byte[] body = body(new byte[100_000], "filename=\"a.bin\"");
        byte[] cut = java.util.Arrays.copyOf(body, body.length - 60_000);
        MultipartForm form = new MultipartForm(TYPE, new ByteArrayInputStream(cut));
        form.next();
        form.next();
        InputStream file = form.next().body();
        assertThatThrownBy(file::readAllBytes).isInstanceOf(EOFException.class);
    }

    @Test
    void aFieldLongerThanAskedIsRefused() throws Exception {
        MultipartForm form = new MultipartForm(TYPE, new ByteArrayInputStream(body(new byte[1], "filename=\"a\"")));
        form.next();
        assertThatThrownBy(() -> form.next().text(4))
                .isInstanceOf(MultipartForm.MalformedException.class)
                .hasMessageContaining("description");
    }

    @Test
    void aPartWithoutANameIsRefused() throws Exception {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + BOUNDARY + "--\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        MultipartForm form = new MultipartForm(TYPE, new ByteArrayInputStream(body));
        assertThatThrownBy(form::next).hasMessageContaining("RFC 7578");
    }
}
