package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.app.bench.ScratchPostgres;
import dev.tandem.app.bench.ServerProcess;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.node.ObjectNode;

/**
 * A row edited behind the server's back is named by {@code tandem ledger verify}. A real server process on a fresh
 * PostgreSQL database records an incident and some evidence; the append-only triggers refuse a direct edit; then,
 * as the superuser who can switch them off, the test edits (1) a leaf in {@code ledger_entry} or (2) a stored level-1
 * hash in {@code ledger_node}, and runs the real command line ({@code java -jar tandem.jar ledger verify}) against the
 * server with the key pinned before the edit.
 */
class LedgerTamperingIT {
    static final int EVIDENCE = 9;

    @RegisterExtension
    final ServerLogsOnFailure logs = new ServerLogsOnFailure();

    /** A server with a small log (ten entries or more, sixteen or fewer: the default sample proves them all). */
    record Running(
            ServerProcess server, TandemClient api, ScratchPostgres db, String key, List<Long> evidenceIndices) {}

    @Test
    void verifyNamesALeafEditedInTheDatabase() throws Exception {
        withServer("tamper-leaf", run -> {
            long edited = run.evidenceIndices().get(4);
            try (Connection c = run.db().connect()) {
                byte[] leaf = leafAt(c, edited);
                LedgerEntry original = LedgerEntry.fromLeaf(leaf);
                ObjectNode body = (ObjectNode) original.body();
                body.put("sha256", "0".repeat(64));
                byte[] forged = new LedgerEntry(
                                original.type(), original.incident(), original.actor(), original.at(), body)
                        .leaf();
                assertThatThrownBy(() -> updateLeaf(c, edited, forged))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("the Tandem ledger is append-only: UPDATE on ledger_entry is refused");
                assertThatThrownBy(() -> execute(c, "DELETE FROM ledger_entry WHERE idx = " + edited))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("the Tandem ledger is append-only: DELETE on ledger_entry is refused");

                execute(c, "SET session_replication_role = replica"); // a superuser switches the triggers off
                updateLeaf(c, edited, forged);
                Verify v = verify(run);
                assertThat(v.exit()).as(v.output()).isEqualTo(1);
                assertThat(v.output())
                        .contains("root: the "
                                + run.api().getText("/api/v1/ledger/checkpoint").split("\n")[1]
                                + " entries served hash to")
                        .contains("- entry " + edited + ": the served leaf hash is "
                                + Base64.getEncoder().encodeToString(MerkleLog.leafHash(forged))
                                + ", but the signed tree holds "
                                + Base64.getEncoder().encodeToString(MerkleLog.leafHash(leaf)))
                        .contains("(the entry was altered after it was signed)")
                        .doesNotContainPattern("- entry (?!" + edited + ":)\\d+:");
            }
        });
    }

    @Test
    void verifyNamesTheProofsAnEditedNodeBreaks() throws Exception {
        withServer("tamper-node", run -> {
            try (Connection c = run.db().connect()) {
                byte[] forged = MerkleLog.leafHash("forged".getBytes(StandardCharsets.UTF_8));
                execute(c, "SET session_replication_role = replica");
                // Node (1, 2) covers entries 4–5: it is a hash of the audit paths of entries 6 and 7 only. The
                // entries, the stored root and the checkpoint are untouched.
                try (PreparedStatement ps =
                        c.prepareStatement("UPDATE ledger_node SET hash = ? WHERE lvl = 1 AND idx = 2")) {
                    ps.setBytes(1, forged);
                    assertThat(ps.executeUpdate()).isOne();
                }
                Verify v = verify(run);
                assertThat(v.exit()).as(v.output()).isEqualTo(1);
                assertThat(v.output())
                        .contains("recomputed root equals the signed checkpoint's")
                        .contains("- inclusion proof of entry 6: hash #1 stands for entries 4–5: the server sent "
                                + Base64.getEncoder().encodeToString(forged))
                        .contains("- inclusion proof of entry 7: hash #1 stands for entries 4–5")
                        .doesNotContain("- entry ");
            }
        });
    }

    interface Scenario {
        void run(Running running) throws Exception;
    }

    private void withServer(String name, Scenario scenario) throws Exception {
        Path dir = CrashSafetyIT.fresh(name);
        try (ScratchPostgres db = ScratchPostgres.create("tandem_tamper_it")) {
            ServerProcess.Launch launch = CrashSafetyIT.launch(dir, name);
            for (var e : db.serverEnvironment().entrySet()) {
                launch = launch.withEnv(e.getKey(), e.getValue());
            }
            logs.add(launch.log());
            try (ServerProcess server = ServerProcess.start(launch, Duration.ofSeconds(120))) {
                TandemClient api = new TandemClient(server.baseUrl(), CrashSafetyIT.ADMIN_TOKEN);
                String incident = api.openIncident("Tampering test");
                List<Long> indices = new ArrayList<>();
                for (int i = 0; i < EVIDENCE; i++) {
                    TandemClient.Answer a =
                            api.upload(incident, "AUDIT", "LOG", "tamper-" + i + ".log", new RandomBody(i, 1000 + i));
                    assertThat(a.status()).as(a.body()).isEqualTo(201);
                    indices.add(a.json().path("ledgerIndex").asLong());
                }
                String key = api.getText("/api/v1/ledger/key").strip();
                Running run = new Running(server, api, db, key, indices);
                long size = LedgerAudit.verify(api).size();
                assertThat(size).as("log size").isBetween(10L, 16L);
                Verify honest = verify(run);
                assertThat(honest.exit()).as(honest.output()).isZero();
                assertThat(honest.output()).contains("VERIFIED: " + size + " entries");
                scenario.run(run);
            }
        }
        CrashSafetyIT.deleteTree(dir);
    }

    record Verify(int exit, String output) {}

    /** The real entry point, as an auditor runs it: {@code java -jar tandem.jar ledger verify …}. */
    private static Verify verify(Running run) throws IOException, InterruptedException {
        Path out = CrashSafetyIT.WORK.resolve("verify-" + System.nanoTime() + ".txt");
        Process p = new ProcessBuilder(
                        ServerProcess.javaBinary(),
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        CrashSafetyIT.JAR.toAbsolutePath().toString(),
                        "ledger",
                        "verify",
                        "--server",
                        run.server().baseUrl(),
                        "--token",
                        CrashSafetyIT.ADMIN_TOKEN,
                        "--key",
                        run.key())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("tandem ledger verify did not end within 120 s");
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        System.out.println(output);
        return new Verify(p.exitValue(), output);
    }

    private static byte[] leafAt(Connection c, long index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf FROM ledger_entry WHERE idx = ?")) {
            ps.setLong(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("entry %d", index).isTrue();
                return rs.getBytes(1);
            }
        }
    }

    private static void updateLeaf(Connection c, long index, byte[] leaf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_entry SET leaf = ? WHERE idx = ?")) {
            ps.setBytes(1, leaf);
            ps.setLong(2, index);
            assertThat(ps.executeUpdate()).isOne();
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
