package dev.tandem.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupArchiveTest {
    static final BackupManifest.Ledger LEDGER = new BackupManifest.Ledger(3, "cm9vdA==", "origin\n3\ncm9vdA==\n");

    @TempDir
    Path dir;

    @Test
    void unpacksWhatItWroteByteForByte() throws IOException {
        Path archive = archive(sources());
        List<Integer> progress = new ArrayList<>();
        Path target = Files.createDirectory(dir.resolve("restored"));
        ArchiveCheck check = BackupReader.extract(archive, target, (f, t, b, tb) -> progress.add(f));
        assertThat(check).isInstanceOf(ArchiveCheck.Intact.class);
        BackupManifest m = ((ArchiveCheck.Intact) check).manifest();
        assertThat(m.ledger()).isEqualTo(LEDGER);
        assertThat(m.files())
                .extracting(BackupManifest.FileEntry::path)
                .containsExactly("db/tandem.mv.db", "keys/ledger-signing.key", blobPath(BLOB_SHA));
        assertThat(progress).containsExactly(1, 2, 3);
        assertThat(target.resolve("db/tandem.mv.db")).hasContent("database");
        assertThat(target.resolve(blobPath(BLOB_SHA))).hasContent("blob");
    }

    @Test
    void refusesABlobThatNoLongerHashesToItsAddress() throws IOException {
        List<BackupWriter.Source> sources = new ArrayList<>(sources());
        Files.writeString(sources.getLast().file(), "tampered", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> archive(sources))
                .isInstanceOf(BackupWriter.SourceChanged.class)
                .hasMessageContaining(blobPath(BLOB_SHA));
    }

    @Test
    void findsAFileChangedInsideTheArchive() throws IOException {
        Path archive = archive(sources());
        Path doctored = rewrite(archive, blobPath(BLOB_SHA), "bloc");
        assertThat(BackupReader.verify(doctored, Progress.NONE))
                .isInstanceOfSatisfying(
                        ArchiveCheck.Corrupt.class,
                        c -> assertThat(c.reason()).contains(blobPath(BLOB_SHA)).contains("hashes to"));
    }

    @Test
    void findsAFileTheManifestDoesNotList() throws IOException {
        Path archive = archive(sources());
        Path doctored = rewrite(archive, "db/extra.db", "more");
        assertThat(BackupReader.verify(doctored, Progress.NONE))
                .isInstanceOfSatisfying(
                        ArchiveCheck.Corrupt.class, c -> assertThat(c.reason()).contains("db/extra.db"));
    }

    @Test
    void refusesPathsOutsideTheDataDirectory() {
        assertThat(BackupManifest.safe("../etc/passwd")).isFalse();
        assertThat(BackupManifest.safe("db/../../x")).isFalse();
        assertThat(BackupManifest.safe("blobs/sha256/ab/cd/" + "ab" + "cd".repeat(31)))
                .isTrue();
        assertThat(BackupManifest.safe("blobs/sha256/ab/cd/" + "ff".repeat(32))).isFalse();
    }

    @Test
    void aTruncatedArchiveIsCorrupt() throws IOException {
        Path archive = archive(sources());
        Path cut = dir.resolve("cut.zip");
        byte[] all = Files.readAllBytes(archive);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThat(BackupReader.verify(cut, Progress.NONE)).isInstanceOf(ArchiveCheck.Corrupt.class);
    }

    static final String BLOB_SHA = "fa2c8cc4f28176bbeed4b736df569a34c79cd3723e9ec42f9674b4d46ac6b8b8";

    private List<BackupWriter.Source> sources() throws IOException {
        Path db = Files.writeString(dir.resolve("tandem.mv.db"), "database", StandardCharsets.UTF_8);
        Path key = Files.writeString(dir.resolve("key"), "PRIVATE+KEY", StandardCharsets.UTF_8);
        Path blob = Files.writeString(dir.resolve("blob"), "blob", StandardCharsets.UTF_8);
        String sha = BackupWriter.sha256(blob);
        assertThat(sha).isEqualTo(BLOB_SHA);
        return List.of(
                new BackupWriter.Source("db/tandem.mv.db", db, null),
                new BackupWriter.Source("keys/ledger-signing.key", key, null),
                new BackupWriter.Source(blobPath(sha), blob, sha));
    }

    private Path archive(List<BackupWriter.Source> sources) throws IOException {
        Path archive = dir.resolve("backup-" + System.nanoTime() + ".zip");
        try (OutputStream out = Files.newOutputStream(archive)) {
            BackupWriter.write(out, "offline", Instant.parse("2026-01-02T03:04:05Z"), LEDGER, sources, Progress.NONE);
        }
        return archive;
    }

    /** A copy of {@code archive} with {@code path} holding {@code content} (added if absent). */
    private Path rewrite(Path archive, String path, String content) throws IOException {
        Path out = dir.resolve("doctored-" + System.nanoTime() + ".zip");
        boolean replaced = false;
        try (ZipFile in = new ZipFile(archive.toFile());
                ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (var e = in.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(path)) {
                    zip.write(content.getBytes(StandardCharsets.UTF_8));
                    replaced = true;
                } else {
                    in.getInputStream(entry).transferTo(zip);
                }
                zip.closeEntry();
            }
            if (!replaced) {
                zip.putNextEntry(new ZipEntry(path));
                zip.write(content.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return out;
    }

    static String blobPath(String sha) {
        return "blobs/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
    }
}
