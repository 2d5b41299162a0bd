package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.Api;
import dev.tandem.server.TandemServer;
import dev.tandem.server.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Evidence files damaged or removed behind the server's back (a bad restore): reading the content
 * never hands out the damaged bytes whole, a missing file is 409 {@code evidence-missing}, and the
 * export refuses a missing item and breaks off a bag whose item is damaged.
 */
class DamagedBlobsH2IT {
    static final String TOKEN = "damaged-blobs-admin-token-0123456789";

    @Test
    void damagedAndMissingBlobsAreDetectedOnReadAndExport() throws Exception {
        Path dataDir = TestDatabases.scratch("tandem-damaged-blobs-it");
        String[] args = {
            "--server.port=0",
            "--tandem.data-dir=" + dataDir,
            "--tandem.admin-token=" + TOKEN,
            "--logging.level.dev.tandem=WARN"
        };
        try (ConfigurableApplicationContext server = TandemServer.start(args)) {
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();
            Api api = new Api("http://127.0.0.1:" + port, TOKEN);
            String incident = api.postJson(
                            "/api/v1/incidents",
                            "{\"title\":\"Bad restore\",\"severity\":\"LOW\",\"awareAt\":\"2026-11-26T08:00:00Z\"}")
                    .json()
                    .path("id")
                    .asString();
            // bytes that do not compress, so that the bag's answer is under way when they are copied into it
            byte[] large = new byte[384_000];
            new java.util.Random(42).nextBytes(large);
            byte[] small = "a short log line\n".getBytes(StandardCharsets.UTF_8);
            byte[] gone = "a file the restore lost\n".getBytes(StandardCharsets.UTF_8);
            Item big = upload(api, incident, "capture.bin", large);
            Item little = upload(api, incident, "fw.log", small);
            Item lost = upload(api, incident, "lost.txt", gone);
            assertThat(api.getBytes(big.content()).body()).isEqualTo(large);
            assertThat(api.get("/api/v1/incidents/" + incident + "/export").status())
                    .isEqualTo(200);

            Path bigFile = blob(dataDir, big.sha256());
            Path littleFile = blob(dataDir, little.sha256());
            Path lostFile = blob(dataDir, lost.sha256());
            flipOneByte(bigFile, large.length / 2);
            flipOneByte(littleFile, 0);
            Files.delete(lostFile);

            // the operator's check, a job, names every damaged and missing blob, and what owns it
            Api.Response check = vaultCheck(api);
            assertThat(check.json().path("checked").asInt()).isEqualTo(3);
            assertThat(check.json().path("total").asInt()).isEqualTo(3);
            assertThat(check.json().path("intact").asInt()).isZero();
            assertThat(check.json().path("damaged").asInt()).isEqualTo(2);
            assertThat(check.json().path("missing").asInt()).isEqualTo(1);
            assertThat(check.json().path("bytes").asLong()).isEqualTo(large.length + small.length);
            java.util.Map<String, String> found = new java.util.TreeMap<>();
            check.json()
                    .path("problems")
                    .forEach(p -> found.put(
                            p.path("sha256").asString(), p.path("status").asString()));
            assertThat(found)
                    .containsEntry(big.sha256(), "damaged")
                    .containsEntry(little.sha256(), "damaged")
                    .containsEntry(lost.sha256(), "missing");
            assertThat(check.json().path("problems").get(0).path("owners").toString())
                    .contains("evidence ");
            // each problem names its item (by name too: the administrator opened the incident) and
            // the SHA-256 its bytes have
            java.util.Map<String, tools.jackson.databind.JsonNode> bySha = new java.util.HashMap<>();
            check.json()
                    .path("problems")
                    .forEach(p -> bySha.put(p.path("sha256").asString(), p));
            tools.jackson.databind.JsonNode lostProblem = bySha.get(lost.sha256());
            assertThat(lostProblem.path("items").get(0).path("id").asString()).isEqualTo(lost.id());
            assertThat(lostProblem.path("items").get(0).path("name").asString()).isEqualTo("lost.txt");
            assertThat(lostProblem.path("actual").isNull()).isTrue();
            tools.jackson.databind.JsonNode littleProblem = bySha.get(little.sha256());
            assertThat(littleProblem.path("items").get(0).path("name").asString())
                    .isEqualTo("fw.log");
            byte[] flipped = small.clone();
            flipped[0] ^= 1;
            assertThat(littleProblem.path("actual").asString()).isEqualTo(sha256(flipped));

            // a large damaged item: the answer is under way when the damage shows, so it is broken off
            assertThatThrownBy(() -> api.getBytes(big.content())).isInstanceOf(UncheckedIOException.class);
            // the failed read is in the chain of custody beside the read it stopped
            String timeline =
                    api.get("/api/v1/incidents/" + incident + "/timeline").body();
            assertThat(timeline).contains("\"evidence.damaged\"").contains(big.id());
            // a small one: nothing has left yet, so the answer is a problem, not the bytes
            Api.Response r = api.get(little.content());
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.header("Digest")).isNull();
            assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:evidence-damaged");
            assertThat(r.json().path("detail").asString()).contains(little.sha256());
            // a missing file: 409 naming the item, not an internal error
            Api.Response missing = api.get(lost.content());
            assertThat(missing.status()).isEqualTo(409);
            assertThat(missing.json().path("type").asString()).isEqualTo("urn:tandem:problem:evidence-missing");
            assertThat(missing.json().path("title").asString()).contains(lost.id());

            // the export refuses the missing item before anything is written
            Api.Response refused = api.get("/api/v1/incidents/" + incident + "/export");
            assertThat(refused.status()).isEqualTo(409);
            assertThat(refused.json().path("title").asString()).contains(lost.id());
            // with the missing file restored, the damaged one still stops the bag unfinished
            Files.createDirectories(lostFile.getParent());
            Files.write(lostFile, gone);
            assertThatThrownBy(() -> api.getBytes("/api/v1/incidents/" + incident + "/export"))
                    .isInstanceOf(UncheckedIOException.class);
            // and with every file restored, reads and the export work again
            Files.write(bigFile, large);
            Files.write(littleFile, small);
            assertThat(api.getBytes(big.content()).body()).isEqualTo(large);
            assertThat(api.getBytes(little.content()).body()).isEqualTo(small);
            assertThat(api.getBytes("/api/v1/incidents/" + incident + "/export").statusCode())
                    .isEqualTo(200);
            Api.Response clean = vaultCheck(api);
            assertThat(clean.json().path("intact").asInt()).isEqualTo(3);
            assertThat(clean.json().path("damaged").asInt()).isZero();
            assertThat(clean.json().path("problems").size()).isZero();

            // an item of an incident the administrator is no member of is named by id, not by name
            String theirToken = dev.tandem.server.TestUsers.withToken(
                    api, server.getBean(dev.tandem.server.identity.Accounts.class), "other-ic", "vault check");
            Api theirs = new Api("http://127.0.0.1:" + port, theirToken);
            String elsewhere = theirs.postJson(
                            "/api/v1/incidents",
                            "{\"title\":\"Elsewhere\",\"severity\":\"LOW\",\"awareAt\":\"2026-11-26T08:00:00Z\"}")
                    .json()
                    .path("id")
                    .asString();
            Item hidden = upload(
                    theirs, elsewhere, "board-minutes.txt", "not the admin's\n".getBytes(StandardCharsets.UTF_8));
            Files.delete(blob(dataDir, hidden.sha256()));
            Api.Response named = vaultCheck(api);
            assertThat(named.json().path("missing").asInt()).isEqualTo(1);
            tools.jackson.databind.JsonNode item =
                    named.json().path("problems").get(0).path("items").get(0);
            assertThat(item.path("id").asString()).isEqualTo(hidden.id());
            assertThat(item.path("incident").asString()).isEqualTo(elsewhere);
            assertThat(item.has("name")).as(item.toString()).isFalse();
            assertThat(named.body()).doesNotContain("board-minutes");
        }
    }

    /** Starts a vault check and waits for it to finish; answers its last status. */
    static Api.Response vaultCheck(Api api) throws InterruptedException {
        Api.Response started = api.postJson("/api/v1/admin/vault/check", "");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        assertThat(location)
                .isEqualTo(
                        "/api/v1/admin/vault/check/" + started.json().path("id").asString());
        for (int i = 0; i < 300; i++) {
            Api.Response status = api.get(location);
            assertThat(status.status()).as(status.body()).isEqualTo(200);
            if (status.json().path("status").asString().equals("SUCCEEDED")) {
                return status;
            }
            assertThat(status.json().path("status").asString()).isIn("QUEUED", "RUNNING");
            Thread.sleep(100);
        }
        throw new AssertionError("the vault check did not finish in 30 s");
    }

    record Item(String id, String sha256) {
        String content() {
            return "/api/v1/evidence/" + id + "/content";
        }
    }

    private static Item upload(Api api, String incident, String name, byte[] bytes) {
        Api.Response up = api.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=DATA_EXPORT&name=" + name, bytes);
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        return new Item(
                up.json().path("id").asString(), up.json().path("sha256").asString());
    }

    private static Path blob(Path dataDir, String sha256) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().equals(sha256) && Files.isRegularFile(p))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no blob file " + sha256 + " under " + dataDir));
        }
    }

    private static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static void flipOneByte(Path file, int at) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[at] ^= 1;
        Files.write(file, bytes);
    }
}
