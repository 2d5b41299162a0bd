package dev.tandem.cli.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.StubServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VaultCheckCommandTest {
    static final String EXPECTED = "a".repeat(64);
    static final String ACTUAL = "b".repeat(64);
    static final String GONE = "c".repeat(64);

    StubServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();

    /** A stand-in server whose check is running at the first status and then answers {@code last}. */
    String serve(String last) throws IOException {
        AtomicInteger polls = new AtomicInteger();
        server = new StubServer("/api/v1/admin/vault/check", x -> {
            requests.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " "
                    + x.getRequestHeaders().getFirst("Authorization"));
            if (x.getRequestMethod().equals("POST")) {
                StubServer.reply(x, 202, job("QUEUED", 0, 0, "[]", ""));
            } else if (polls.incrementAndGet() == 1) {
                StubServer.reply(x, 200, job("RUNNING", 1, 0, "[]", ""));
            } else {
                StubServer.reply(x, 200, last);
            }
        });
        return server.url();
    }

    static String job(String status, int checked, int missing, String problems, String more) {
        return "{\"id\":\"J1\",\"status\":\"" + status + "\",\"checked\":" + checked + ",\"total\":3,\"bytes\":2048,"
                + "\"totalBytes\":4096,\"damaged\":" + (problems.contains("damaged") ? 1 : 0) + ",\"missing\":"
                + missing
                + ",\"problems\":" + problems + more + "}";
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void damagedAndMissingBlobsArePrintedWithTheirItemsAndHashesAndExitOne() throws IOException {
        String problems = "[{\"sha256\":\"" + EXPECTED + "\",\"status\":\"damaged\",\"actual\":\"" + ACTUAL + "\","
                + "\"items\":[{\"kind\":\"evidence\",\"id\":\"E1\",\"incident\":\"I1\",\"name\":\"fw.log\"}],"
                + "\"detail\":\"/data/blobs/aa/aa/" + EXPECTED + ": does not match\"},"
                + "{\"sha256\":\"" + GONE + "\",\"status\":\"missing\",\"actual\":null,"
                + "\"items\":[{\"kind\":\"evidence\",\"id\":\"E2\",\"incident\":\"I1\"}],\"detail\":\"no file\"}]";
        String url = serve(job("SUCCEEDED", 3, 1, problems, ",\"intact\":1"));

        CliRun r = CliRun.run("vault", "check", "--server", url, "--token", "admin-token", "--interval", "PT0.01S");

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("damaged  evidence E1 \"fw.log\" (incident I1)  expected " + EXPECTED + "  actual " + ACTUAL)
                .contains("missing  evidence E2 (incident I1)  expected " + GONE + "  actual none (no file)")
                .contains("3 blobs checked (2.0 KiB): 1 intact, 1 damaged, 1 missing");
        assertThat(r.err()).contains("running, 1 of 3 blobs, 2.0 KiB of 4.0 KiB; 0 damaged, 0 missing");
        assertThat(requests.getFirst()).isEqualTo("POST /api/v1/admin/vault/check Bearer admin-token");
        assertThat(requests.get(1)).startsWith("GET /api/v1/admin/vault/check/J1 ");
    }

    @Test
    void anIntactVaultExitsZero() throws IOException {
        String url = serve(job("SUCCEEDED", 3, 0, "[]", ",\"intact\":3"));

        CliRun r = CliRun.run("vault", "check", "--server", url, "--token", "t", "--interval", "PT0.01S");

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 blobs checked (2.0 KiB): 3 intact, 0 damaged, 0 missing");
    }

    @Test
    void aFailedCheckExitsThreeWithItsReason() throws IOException {
        String url = serve(job("FAILED", 1, 0, "[]", ",\"error\":\"disk gone\""));

        CliRun r = CliRun.run("vault", "check", "--server", url, "--token", "t", "--interval", "PT0.01S");

        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("the check failed: disk gone (job J1)");
    }

    @Test
    void aNonAdministratorIsAUsageErrorAndAnUnreachableServerThree() throws IOException {
        server = new StubServer(
                "/api/v1/admin/vault/check",
                x -> StubServer.reply(
                        x,
                        403,
                        "{\"type\":\"urn:tandem:problem:forbidden\",\"title\":\"Forbidden\","
                                + "\"detail\":\"only an administrator checks the vault\"}"));

        CliRun forbidden = CliRun.run("vault", "check", "--server", server.url(), "--token", "t");
        CliRun unreachable = CliRun.run("vault", "check", "--server", StubServer.unreachable(), "--token", "t");
        CliRun usage = CliRun.run("vault", "check", "--token", "t");

        assertThat(forbidden.exit()).isEqualTo(2);
        assertThat(forbidden.err())
                .contains(
                        "not allowed for this token's user (403): only an administrator checks the vault (forbidden)");
        assertThat(unreachable.exit()).isEqualTo(3);
        assertThat(usage.exit()).isEqualTo(2);
    }
}
