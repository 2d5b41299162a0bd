package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory made owner-only, on the file system itself (POSIX permissions). */
class DataDirectoryTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void posix() {
        assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
    }

    @Test
    void aNewDataDirectoryIsCreatedOwnerOnly() throws IOException {
        Path root = tmp.resolve("fresh").resolve("data");
        DataDirectory.prepare(root, "blobs");
        assertThat(mode(root)).isEqualTo("rwx------");
    }

    @Test
    void anExistingTreeIsTightenedAndEachChangeReported() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("data"));
        Path db = Files.createDirectory(root.resolve("db"));
        Path file = Files.writeString(db.resolve("tandem.mv.db"), "privileged text");
        Path tight = Files.writeString(root.resolve("already.txt"), "x");
        chmod(root, "rwxr-xr-x");
        chmod(db, "rwxr-x---");
        chmod(file, "rw-r--r--");
        chmod(tight, "rw-------");
        // a link is neither followed nor changed: what it points to is not the data directory's
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "not ours");
        chmod(outside, "rw-r--r--");
        Files.createSymbolicLink(root.resolve("link"), outside);

        var changes = DataDirectory.prepare(root, "blobs");

        assertThat(mode(root)).isEqualTo("rwx------");
        assertThat(mode(db)).isEqualTo("rwx------");
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(mode(tight)).isEqualTo("rw-------");
        assertThat(mode(outside)).isEqualTo("rw-r--r--");
        assertThat(changes)
                .extracting(c -> c.path().getFileName().toString() + " " + c.before() + " " + c.after())
                .containsExactlyInAnyOrder(
                        "data rwxr-xr-x rwx------", "db rwxr-x--- rwx------", "tandem.mv.db rw-r--r-- rw-------");
        assertThat(DataDirectory.prepare(root, "blobs"))
                .as("nothing left to change")
                .isEmpty();
    }

    @Test
    void belowWhatIsSkippedNothingIsWalked() throws IOException {
        Path root = Files.createDirectory(tmp.resolve("data"));
        Path blobs = Files.createDirectories(root.resolve("blobs").resolve("sha256"));
        Path work = Files.createDirectory(root.resolve("work"));
        chmod(blobs, "rwxr-xr-x");
        chmod(blobs.getParent(), "rwxr-xr-x");
        chmod(work, "rwxr-xr-x");
        Path skip = root.toRealPath().resolve("blobs");
        DataDirectory.tighten(root, skip::equals);
        // the skipped folder itself is tightened; what is below it is not walked (the blob store)
        assertThat(mode(blobs.getParent())).isEqualTo("rwx------");
        assertThat(mode(blobs)).isEqualTo("rwxr-xr-x");
        assertThat(mode(work)).isEqualTo("rwx------");
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    private static void chmod(Path p, String mode) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
    }
}
