package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.bench.ServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * ADR 063 from the outside, with real processes: a server on a fresh embedded data directory gets an
 * incident, AUDIT and FORENSIC evidence and a PII scan (whose stored findings are a blob too); {@code
 * tandem backup --server} takes a backup while it runs and while uploads keep arriving; the server
 * stops; {@code tandem restore} unpacks the backup into a new data directory; a server started there
 * passes {@code tandem ledger verify} with the original's pinned key and serves every item and the
 * findings byte for byte. On the way: the refusals (offline backup of a running server, an existing
 * {@code --out}, a non-empty restore target, a doctored archive) and an offline backup.
 */
class BackupRestoreIT {
    static final String ADMIN_TOKEN = CrashSafetyIT.ADMIN_TOKEN;
    static final Path WORK = Path.of("target", "backup-it");

    @RegisterExtension
    final ServerLogsOnFailure logs = new ServerLogsOnFailure();

    record Item(String id, byte[] body) {}

    @Test
    void aBackupTakenWhileServingRestoresIntoAServerThatVerifiesAndServesEveryByte() throws Exception {
        CrashSafetyIT.deleteTree(WORK);
        Files.createDirectories(WORK);
        Path source = WORK.resolve("source-data");
        Path restored = WORK.resolve("restored-data");
        Path online = WORK.resolve("online.zip");
        Path offline = WORK.resolve("offline.zip");

        List<Item> items = new ArrayList<>();
        String findingsPath;
        byte[] findings;
        String findingsSha;
        String key;
        long sizeAtBackup;
        ServerProcess server = start(source, "source");
        try {
            TandemClient api = new TandemClient(server.baseUrl(), ADMIN_TOKEN);
            key = api.getText("/api/v1/ledger/key").strip();
            String incident = api.openIncident("Backup test");
            byte[] customers = customersCsv();
            items.add(upload(api, incident, "AUDIT", "DATA_EXPORT", "customers.csv", customers));
            items.add(upload(api, incident, "FORENSIC", "LOG", "session.log", random(1, 3 << 20)));
            items.add(upload(api, incident, "AUDIT", "DOCUMENT", "policy.txt", random(2, 70_000)));
            items.add(upload(api, incident, "FORENSIC", "DOCUMENT", "memo.txt", random(3, 10)));

            String scanned = items.getFirst().id();
            TandemClient.Answer scan = api.postJson("/api/v1/evidence/" + scanned + "/scans", "{}");
            assertThat(scan.status()).as(scan.body()).isEqualTo(202);
            awaitJob(api, scan.json().path("id").asString());
            JsonNode pii = api.getJson("/api/v1/evidence/" + scanned + "/pii");
            assertThat(pii.path("findings").asLong()).as("findings of the scan").isPositive();
            findingsSha = pii.path("findingsSha256").asString();
            findingsPath = "/api/v1/evidence/" + scanned + "/pii/findings";
            findings = api.getBytes(findingsPath);
            assertThat(sha256(findings)).isEqualTo(findingsSha);

            // Offline is refused while the server holds the database, with what to do instead.
            Cli refused = Cli.run("backup", "--data-dir", source.toString(), "--out", offline.toString());
            assertThat(refused.exit()).as(refused.output()).isEqualTo(2);
            assertThat(refused.output()).contains("a server is running").contains("--server");
            assertThat(offline).doesNotExist();

            // Online, while uploads keep arriving.
            AtomicBoolean stop = new AtomicBoolean();
            List<Item> during = java.util.Collections.synchronizedList(new ArrayList<>());
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int n = 0; !stop.get() && n < 400; n++) {
                    byte[] body = random(100 + n, 50_000);
                    TandemClient.Answer a =
                            api.upload(incident, n % 2 == 0 ? "AUDIT" : "FORENSIC", "LOG", "d.bin", body);
                    if (a.status() == 201) {
                        during.add(new Item(a.json().path("id").asString(), body));
                    }
                }
            });
            Cli backup =
                    Cli.run("backup", "--server", server.baseUrl(), "--token", ADMIN_TOKEN, "--out", online.toString());
            stop.set(true);
            writer.join(60_000);
            assertThat(backup.exit()).as(backup.output()).isZero();
            assertThat(backup.output()).contains("backup written");
            sizeAtBackup = Long.parseLong(backup.output().replaceAll("(?s).*ledger size (\\d+).*", "$1"));
            items.addAll(during); // those uploaded after the snapshot are checked below as absent or intact
            System.out.println(during.size()
                    + " uploads answered 201 while the backup ran; the backup holds ledger size " + sizeAtBackup);
            // the archive carried every incident's content and the signing key away: the ledger says
            // who took it, at which size, and that the key went with it
            JsonNode taken = null;
            for (JsonNode e :
                    api.getJson("/api/v1/ledger/entries?from=" + sizeAtBackup + "&to=" + (sizeAtBackup + 1000))) {
                if (e.path("entry").path("type").asString().equals("backup.taken")) {
                    taken = e.path("entry");
                }
            }
            assertThat(taken).as("a backup.taken entry after the snapshot").isNotNull();
            assertThat(taken.path("actor").asString()).isEqualTo("admin");
            assertThat(taken.path("body").path("treeSize").asLong()).isEqualTo(sizeAtBackup);
            assertThat(taken.path("body").path("signingKey").asBoolean()).isTrue();
            // no byte total or file count: they would tell the auditor the FORENSIC items' sizes
            assertThat(taken.path("body").propertyNames()).containsExactlyInAnyOrder("treeSize", "signingKey");

            Cli again =
                    Cli.run("backup", "--server", server.baseUrl(), "--token", ADMIN_TOKEN, "--out", online.toString());
            assertThat(again.exit()).as(again.output()).isEqualTo(2);
            assertThat(again.output()).contains("never overwrites");
        } finally {
            server.close();
        }

        Cli off = Cli.run("backup", "--data-dir", source.toString(), "--out", offline.toString());
        assertThat(off.exit()).as(off.output()).isZero();
        Cli missing = Cli.run(
                "backup",
                "--data-dir",
                WORK.resolve("nowhere").toString(),
                "--out",
                WORK.resolve("x.zip").toString());
        assertThat(missing.exit()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("no data directory");

        Path doctored = WORK.resolve("doctored.zip");
        flipLastByteOfFirstBlob(online, doctored);
        Cli corrupt = Cli.run(
                "restore",
                "--from",
                doctored.toString(),
                "--data-dir",
                WORK.resolve("never").toString());
        assertThat(corrupt.exit()).as(corrupt.output()).isEqualTo(1);
        assertThat(WORK.resolve("never")).doesNotExist();

        Cli restore = Cli.run("restore", "--from", online.toString(), "--data-dir", restored.toString());
        assertThat(restore.exit()).as(restore.output()).isZero();
        assertOwnerOnly(restored);
        Cli notEmpty = Cli.run("restore", "--from", online.toString(), "--data-dir", restored.toString());
        assertThat(notEmpty.exit()).as(notEmpty.output()).isEqualTo(2);
        assertThat(notEmpty.output()).contains("not empty");

        ServerProcess back = start(restored, "restored");
        try {
            TandemClient api = new TandemClient(back.baseUrl(), ADMIN_TOKEN);
            assertThat(api.getText("/api/v1/ledger/key").strip()).isEqualTo(key);
            Cli verify = Cli.run("ledger", "verify", "--server", back.baseUrl(), "--token", ADMIN_TOKEN, "--key", key);
            assertThat(verify.exit()).as(verify.output()).isZero();
            assertThat(verify.output()).contains("VERIFIED");
            LedgerAudit.VerifiedLog log = LedgerAudit.verify(api);
            assertThat(log.size()).isGreaterThanOrEqualTo(sizeAtBackup);

            int present = 0;
            for (int i = 0; i < items.size(); i++) {
                Item item = items.get(i);
                TandemClient.Answer meta = api.get("/api/v1/evidence/" + item.id());
                if (i >= 4 && meta.status() == 404) {
                    continue; // uploaded after the snapshot
                }
                assertThat(meta.status())
                        .as("evidence %s after the restore", item.id())
                        .isEqualTo(200);
                assertThat(api.getBytes("/api/v1/evidence/" + item.id() + "/content"))
                        .as("content of %s", item.id())
                        .isEqualTo(item.body());
                present++;
            }
            assertThat(present).isGreaterThanOrEqualTo(4);
            assertThat(api.getJson(findingsPath.replace("/findings", ""))
                            .path("findingsSha256")
                            .asString())
                    .isEqualTo(findingsSha);
            assertThat(api.getBytes(findingsPath)).as("stored PII findings").isEqualTo(findings);
        } finally {
            back.close();
        }

        Path fromOffline = WORK.resolve("restored-offline");
        Cli restoreOffline = Cli.run("restore", "--from", offline.toString(), "--data-dir", fromOffline.toString());
        assertThat(restoreOffline.exit()).as(restoreOffline.output()).isZero();
        ServerProcess third = start(fromOffline, "restored-offline");
        try {
            Cli verify = Cli.run("ledger", "verify", "--server", third.baseUrl(), "--token", ADMIN_TOKEN, "--key", key);
            assertThat(verify.exit()).as(verify.output()).isZero();
            TandemClient api = new TandemClient(third.baseUrl(), ADMIN_TOKEN);
            assertThat(api.getBytes(findingsPath)).isEqualTo(findings);
            for (Item item : items) {
                assertThat(api.getBytes("/api/v1/evidence/" + item.id() + "/content"))
                        .isEqualTo(item.body());
            }
        } finally {
            third.close();
        }
    }

    private ServerProcess start(Path dataDir, String name) throws Exception {
        ServerProcess.Launch launch = CrashSafetyIT.launch(dataDir, name).withLog(WORK.resolve(name + ".log"));
        logs.add(launch.log());
        return ServerProcess.start(launch, Duration.ofSeconds(120));
    }

    private static Item upload(
            TandemClient api, String incident, String repository, String kind, String name, byte[] body) {
        TandemClient.Answer a = api.upload(incident, repository, kind, name, body);
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        return new Item(a.json().path("id").asString(), body);
    }

    /** Every folder 0700 and file 0600 (blobs, database, key), as the server writes them. */
    private static void assertOwnerOnly(Path dir) throws IOException {
        int blobs = 0;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.toList()) {
                String perms = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(perms).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                if (p.toString().contains("/blobs/sha256/") && Files.isRegularFile(p)) blobs++;
            }
        }
        assertThat(blobs).isPositive();
    }

    private static void awaitJob(TandemClient api, String job) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            JsonNode j = api.getJson("/api/v1/jobs/" + job);
            String status = j.path("status").asString();
            if (status.equals("SUCCEEDED")) {
                return;
            }
            assertThat(status).as("job %s: %s", job, j).isNotEqualTo("FAILED");
            assertThat(System.nanoTime()).as("job %s finished in time", job).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    /** Customers with e-mail addresses, phone numbers and card numbers, for the scanner to find. */
    private static byte[] customersCsv() {
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,Phone,MailingCountry,CardNumber\n");
        String[] cards = {"4556737586271204", "5382917465032219", "374245635398430"};
        for (int i = 0; i < 300; i++) {
            csv.append("Ada")
                    .append(i)
                    .append(",Lovelace,ada")
                    .append(i)
                    .append("@example.de,+49 30 1234")
                    .append(String.format("%04d", i))
                    .append(",DE,")
                    .append(cards[i % cards.length])
                    .append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(long seed, int size) {
        byte[] b = new byte[size];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < size; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    /** A copy of the archive in which one blob's last byte differs, its manifest untouched. */
    private static void flipLastByteOfFirstBlob(Path archive, Path out) throws IOException {
        boolean flipped = false;
        try (var in = new java.util.zip.ZipFile(archive.toFile());
                var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            for (var e = in.entries(); e.hasMoreElements(); ) {
                var entry = e.nextElement();
                byte[] content = in.getInputStream(entry).readAllBytes();
                if (!flipped && entry.getName().startsWith("blobs/") && content.length > 0) {
                    content[content.length - 1] ^= 1;
                    flipped = true;
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                zip.write(content);
                zip.closeEntry();
            }
        }
        assertThat(flipped).isTrue();
    }

    /** One run of the {@code tandem} executable, as an operator types it. */
    record Cli(int exit, String output) {
        static Cli run(String... args) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(
                    ServerProcess.javaBinary(),
                    "-jar",
                    CrashSafetyIT.JAR.toAbsolutePath().toString()));
            cmd.addAll(List.of(args));
            Path log = Files.createTempFile(WORK, "cli-", ".log");
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("tandem " + String.join(" ", args) + " did not finish");
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println("$ tandem " + String.join(" ", args) + "  -> " + p.exitValue() + "\n" + output);
            return new Cli(p.exitValue(), output);
        }
    }
}
