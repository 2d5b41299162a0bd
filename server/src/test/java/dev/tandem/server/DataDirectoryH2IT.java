package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A server on the embedded store keeps its data directory owner-only: one made by an earlier
 * version with the default permissions is tightened at start, and what the server writes (the H2
 * database file, blobs, the signing key) is its user's alone. Checked on the file system.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + DataDirectoryH2IT.TOKEN, "logging.level.dev.tandem=WARN"})
class DataDirectoryH2IT {
    static final String TOKEN = "data-directory-admin-token-0123456789";
    static Path dir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void earlierDataDirectory(DynamicPropertyRegistry registry) throws IOException {
        dir = TestDatabases.scratch("tandem-data-dir-it");
        // as an earlier version left it: the directories 0755, a file 0644
        Path notes =
                Files.writeString(Files.createDirectory(dir.resolve("work")).resolve("left.txt"), "scan notes");
        Files.setPosixFilePermissions(notes, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(notes.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        registry.add("tandem.data-dir", dir::toString);
    }

    @Test
    void everyDirectoryIsOwnerOnlyAndSoAreTheDatabaseTheKeyAndTheBlobs() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Api api = new Api("http://127.0.0.1:" + port, TOKEN);
        Api.Response incident = api.postJson("/api/v1/incidents", "{\"title\":\"Modes\",\"severity\":\"LOW\"}");
        assertThat(incident.status()).as(incident.body()).isEqualTo(201);
        Api.Response item = api.postBytes(
                "/api/v1/incidents/" + incident.json().path("id").asString()
                        + "/evidence?repository=FORENSIC&kind=DOCUMENT&name=memo.txt",
                "counsel's memo".getBytes(StandardCharsets.UTF_8));
        assertThat(item.status()).as(item.body()).isEqualTo(201);
        String sha256 = item.json().path("sha256").asString();

        assertThat(DataDirectoryTest.mode(dir)).isEqualTo("rwx------");
        assertThat(DataDirectoryTest.mode(dir.resolve("db/tandem.mv.db"))).isEqualTo("rw-------");
        assertThat(DataDirectoryTest.mode(dir.resolve("keys/ledger-signing.key")))
                .isEqualTo("rw-------");
        assertThat(DataDirectoryTest.mode(dir.resolve("work/left.txt"))).isEqualTo("rw-------");
        Path blob = dir.resolve("blobs/sha256")
                .resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
        assertThat(DataDirectoryTest.mode(blob)).isEqualTo("rw-------");
        List<String> open = new ArrayList<>();
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isDirectory).toList()) {
                if (!DataDirectoryTest.mode(p).equals("rwx------")) {
                    open.add(dir.relativize(p) + " " + DataDirectoryTest.mode(p));
                }
            }
        }
        assertThat(open).as("directories others can enter").isEmpty();
    }
}
