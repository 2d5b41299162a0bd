package dev.tandem.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileBlobStoreTest {
    @TempDir
    Path dir;

    @Test
    void storesUnderTheSha256OfTheBytes() throws IOException {
        var store = new FileBlobStore(dir);
        StoredBlob blob = store.put(stream("abc"), 100);
        // FIPS 180-2 example: SHA-256("abc")
        assertThat(blob.address().sha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(blob.size()).isEqualTo(3);
        assertThat(blob.alreadyPresent()).isFalse();
        try (InputStream in = store.open(blob.address())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("abc");
        }
    }

    @Test
    void deduplicatesIdenticalContent() throws IOException {
        var store = new FileBlobStore(dir);
        store.put(stream("same"), 100);
        StoredBlob again = store.put(stream("same"), 100);
        assertThat(again.alreadyPresent()).isTrue();
        assertThat(blobFiles()).hasSize(1);
    }

    @Test
    void refusesStreamsOverTheLimitAndLeavesNothing() throws IOException {
        var store = new FileBlobStore(dir);
        assertThatThrownBy(() -> store.put(new ByteArrayInputStream(new byte[3 << 20]), 2 << 20))
                .isInstanceOf(BlobTooLargeException.class)
                .hasMessageContaining("2097152");
        assertThat(blobFiles()).isEmpty();
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void leavesNothingWhenTheSenderDisappearsMidStream() throws IOException {
        var store = new FileBlobStore(dir);
        InputStream broken = new InputStream() {
            int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 10_000) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put(broken, 1 << 20)).hasMessage("connection reset");
        assertThat(blobFiles()).isEmpty();
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void sweepRemovesOnlyOldUnreferencedBlobsAndStaleTemporaryFiles() throws IOException {
        var store = new FileBlobStore(dir);
        StoredBlob kept = store.put(stream("referenced"), 100);
        StoredBlob orphan = store.put(stream("orphan"), 100);
        StoredBlob fresh = store.put(stream("fresh orphan"), 100);
        Instant old = Instant.parse("2026-01-01T00:00:00Z");
        Files.setLastModifiedTime(store.pathOf(kept.address()), FileTime.from(old));
        Files.setLastModifiedTime(store.pathOf(orphan.address()), FileTime.from(old));
        Path stale = Files.createFile(dir.resolve("tmp").resolve("upload-1.part"));
        Files.setLastModifiedTime(stale, FileTime.from(old));

        int removed = store.sweep(a -> a.equals(kept.address()), Instant.parse("2026-06-01T00:00:00Z"));

        assertThat(removed).isEqualTo(1);
        assertThat(store.contains(kept.address())).isTrue();
        assertThat(store.contains(orphan.address())).isFalse();
        assertThat(store.contains(fresh.address())).isTrue();
        assertThat(stale).doesNotExist();
    }

    @ParameterizedTest(name = "{0} bytes, direct I/O tried: {1}")
    @CsvSource({
        "0, true",
        "1, true",
        "4095, true",
        "4096, true",
        "4097, true",
        "1048575, true",
        "1048576, true",
        "1048577, true",
        "5242880, true",
        "5247003, true",
        "1, false",
        "5247003, false"
    })
    void storesExactlyTheBytesSentWhateverTheirAlignment(int size, boolean directIo) throws Exception {
        var store = new FileBlobStore(dir, directIo);
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        // A stream that hands out odd-sized pieces, as a socket does.
        InputStream in = new java.io.FilterInputStream(new ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 7919));
            }
        };
        StoredBlob blob = store.put(in, 10 << 20);
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(data);
        assertThat(blob.address().sha256()).isEqualTo(java.util.HexFormat.of().formatHex(expected));
        assertThat(blob.size()).isEqualTo(size);
        assertThat(Files.readAllBytes(store.pathOf(blob.address()))).isEqualTo(data);
        assertThat(tmpFiles()).isEmpty();
    }

    @Test
    void usesDirectIoWhereTheFilesystemTakesItAndOnlyWhenAsked() throws IOException {
        assertThat(new FileBlobStore(dir.resolve("off"), false).directIo()).isFalse();
        String type = Files.getFileStore(dir).type();
        org.junit.jupiter.api.Assumptions.assumeTrue(
                type.equals("ext4") || type.equals("xfs"), "direct I/O is known only for ext4 and xfs, not " + type);
        assertThat(new FileBlobStore(dir.resolve("on")).directIo()).isTrue();
    }

    @Test
    void aFailingStreamAfterManyBuffersLeavesNothingAndTheStoreKeepsWorking() throws IOException {
        var store = new FileBlobStore(dir);
        InputStream failsLate = new java.io.FilterInputStream(new ByteArrayInputStream(new byte[6 << 20])) {
            long sent;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent > (5 << 20)) {
                    throw new IOException("connection reset after 5 MiB");
                }
                int n = super.read(b, off, len);
                sent += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> store.put(failsLate, 10 << 20)).hasMessage("connection reset after 5 MiB");
        assertThat(blobFiles()).isEmpty();
        assertThat(tmpFiles()).isEmpty();
        assertThat(store.put(stream("after"), 100).size()).isEqualTo(5);
    }

    @ParameterizedTest(name = "thread {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"blob-writer", "blob-hasher"})
    @org.junit.jupiter.api.Timeout(60) // a pipeline that loses a thread must fail the upload, not hang
    void aPipelineThreadThatFailsMidUploadFailsTheUploadAndLeavesNothing(String thread) throws Exception {
        var store = new FileBlobStore(dir);
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        // 8 MiB, and after 3 MiB the stream waits until the pipeline thread has been interrupted
        InputStream slow = new java.io.FilterInputStream(new ByteArrayInputStream(new byte[8 << 20])) {
            long sent;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (sent >= (3 << 20) && interrupted.getCount() > 0) {
                    Thread.getAllStackTraces().keySet().stream()
                            .filter(t -> t.getName().equals(thread))
                            .forEach(Thread::interrupt);
                    interrupted.countDown();
                }
                int n = super.read(b, off, Math.min(len, 64 << 10));
                sent += Math.max(n, 0);
                return n;
            }
        };
        assertThatThrownBy(() -> store.put(slow, 10 << 20)).isInstanceOf(IOException.class);
        assertThat(interrupted.getCount()).isZero();
        assertThat(blobFiles()).isEmpty();
        assertThat(tmpFiles()).isEmpty();
        assertThat(store.put(stream("after"), 100).size()).isEqualTo(5);
    }

    @Test
    void rejectsAddressesThatAreNotSha256Hex() {
        assertThatThrownBy(() -> new ContentAddress("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ContentAddress("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Stream<Path> walk(Path p) throws IOException {
        return Files.walk(p).filter(Files::isRegularFile);
    }

    private java.util.List<Path> blobFiles() throws IOException {
        try (var s = walk(dir.resolve("sha256"))) {
            return s.toList();
        }
    }

    private java.util.List<Path> tmpFiles() throws IOException {
        try (var s = walk(dir.resolve("tmp"))) {
            return s.toList();
        }
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
