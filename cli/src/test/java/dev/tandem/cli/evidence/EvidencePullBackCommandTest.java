package dev.tandem.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.StubServer;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvidencePullBackCommandTest {
    StubServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    String serve(int status, String answer) throws IOException {
        server = new StubServer("/api/v1/incidents/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            requests.add(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                            + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body + " auth="
                            + exchange.getRequestHeaders().getFirst("Authorization"));
            StubServer.reply(exchange, status, answer);
        });
        return server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    int run(String... args) {
        CommandLine cl = TandemCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void postsTheReasonAndPrintsWhatTheItemHadExposed() throws IOException {
        String url = serve(
                200,
                "{\"evidence\":\"ev-1\",\"repository\":\"FORENSIC\",\"ledgerIndex\":40,\"reason\":\"memo\","
                        + "\"reads\":[{\"index\":14,\"actor\":\"auditor\",\"at\":\"2026-11-26T09:00:00.000Z\"}],"
                        + "\"exports\":[{\"index\":20,\"actor\":\"liaison\",\"at\":\"2026-11-26T10:00:00.000Z\","
                        + "\"treeSize\":19}]}");
        int rc = run(
                "evidence",
                "pull-back",
                "--server",
                url,
                "--token",
                "t0k",
                "--incident",
                "i 1",
                "--reason",
                "counsel's \"memo\"",
                "ev-1");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(requests)
                .containsExactly("POST /api/v1/incidents/i+1/evidence/ev-1/pull-back application/json"
                        + " {\"reason\":\"counsel's \\\"memo\\\"\"} auth=Bearer t0k");
        assertThat(out.toString())
                .isEqualTo("pulled back ev-1 to FORENSIC (ledger entry #40)\n"
                        + "exposed before: 1 read, 1 export bag\n"
                        + "  read    #14  2026-11-26T09:00:00.000Z  auditor\n"
                        + "  export  #20  2026-11-26T10:00:00.000Z  liaison  (bag drawn at tree size 19)\n"
                        + "the move does not undo these: what was read or downloaded stays with whoever holds it,"
                        + " and each export bag above still carries the item and still verifies; ask them to"
                        + " return or destroy their copies\n");
    }

    @Test
    void anItemNeverReadExposedNothing() throws IOException {
        String url = serve(
                200,
                "{\"evidence\":\"ev-2\",\"repository\":\"FORENSIC\",\"ledgerIndex\":41,\"reason\":\"m\","
                        + "\"reads\":[],\"exports\":[]}");
        assertThat(run(
                        "evidence",
                        "pull-back",
                        "--server",
                        url,
                        "--token",
                        "t",
                        "--incident",
                        "i",
                        "--reason",
                        "m",
                        "ev-2"))
                .isZero();
        assertThat(out.toString()).endsWith("exposed before: nothing (no read of its content, no export bag)\n");
    }

    @Test
    void aRefusalIsUsageWithTheServersDetail() throws IOException {
        String url = serve(
                409,
                "{\"type\":\"urn:tandem:problem:already-forensic\",\"title\":\"Already FORENSIC\",\"status\":409,"
                        + "\"detail\":\"evidence ev-1 is FORENSIC already\"}");
        int rc = run(
                "evidence", "pull-back", "--server", url, "--token", "t", "--incident", "i", "--reason", "m", "ev-1");
        assertThat(rc).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err.toString())
                .contains("the server answered 409: evidence ev-1 is FORENSIC already (already-forensic)");
    }

    @Test
    void theReasonIsRequired() {
        int rc = run(
                "evidence", "pull-back", "--server", "http://127.0.0.1:1", "--token", "t", "--incident", "i", "ev-1");
        assertThat(rc).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--reason");
    }
}
