package dev.tandem.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.StubServer;
import dev.tandem.cli.StubServer.Received;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code tandem evidence privilege-log} against a stand-in server: what it asks, prints and exits with. */
class EvidencePrivilegeLogCommandTest {
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static final String LOG = """
            {"incident":"INC-1","items":[
             {"id":"EV1","name":"quokka-report.pdf","kind":"DOCUMENT","receivedAt":"2026-11-26T09:00:00Z",
              "filedBy":"counsel","size":2048,"sha256":"%s","ledgerIndex":12,
              "privilegeBasis":"Work product: report of the forensic firm","pulledBack":null},
             {"id":"EV2","name":"counsel-memo.md","kind":"DOCUMENT","receivedAt":"2026-11-26T10:00:00Z",
              "filedBy":"ic","size":10,"sha256":"%s","ledgerIndex":14,"privilegeBasis":null,
              "pulledBack":{"ledgerIndex":40,"at":"2026-11-27T10:00:00.000Z","by":"counsel",
                            "reason":"filed to AUDIT by mistake"}}]}
            """.formatted(SHA, SHA);

    StubServer server;
    final List<Received> received = new ArrayList<>();

    String serve(int status, String body) throws IOException {
        server = StubServer.recording(status, body, received);
        return server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static CliRun log(String url, String... args) {
        List<String> all = new ArrayList<>(List.of("evidence", "privilege-log", "--incident", "INC-1"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", url, "--token", "tok"));
        return CliRun.run(all.toArray(String[]::new));
    }

    @Test
    void eachItemIsALineWithItsBasisOrNotRecordedAndAPullBackWithItsEntry() throws IOException {
        String url = serve(200, LOG);
        CliRun r = log(url);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("GET");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/privilege-log");
        assertThat(received.getFirst().authorization()).isEqualTo("Bearer tok");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.getFirst())
                .startsWith("ID   NAME               KIND      RECEIVED")
                .endsWith("PRIVILEGE BASIS");
        assertThat(lines.get(1))
                .startsWith("EV1  quokka-report.pdf  DOCUMENT  2026-11-26T09:00:00Z  counsel")
                .endsWith("#12    Work product: report of the forensic firm");
        assertThat(lines.get(2)).isEqualTo("    sha256 " + SHA);
        assertThat(lines.get(3)).startsWith("EV2  counsel-memo.md").endsWith("not recorded");
        assertThat(lines.get(5))
                .isEqualTo(
                        "    pulled back from AUDIT 2026-11-27T10:00:00.000Z by counsel (entry #40): filed to AUDIT by"
                                + " mistake");
        assertThat(lines.getLast()).isEqualTo("2 FORENSIC items withheld, 1 pulled back from AUDIT");
    }

    @Test
    void csvAndJsonAreTheServersAnswersAsTheyCame() throws IOException {
        String csv = "id,name,kind\r\nEV1,'=memo.md,DOCUMENT\r\n";
        String url = serve(200, csv);
        CliRun r = log(url, "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/privilege-log?format=csv");
        assertThat(r.out()).isEqualTo(csv);
        server.close();
        received.clear();
        url = serve(200, LOG);
        r = log(url, "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo(LOG.strip());
        server.close();
        url = serve(200, "{\"incident\":\"INC-1\",\"items\":[]}");
        assertThat(log(url).out().strip()).isEqualTo("no FORENSIC evidence in incident INC-1: nothing is withheld");
    }

    @Test
    void aRefusalIsOneLineWithTheServersReasonAndExitsTwo() throws IOException {
        String url = serve(
                403,
                "{\"type\":\"urn:tandem:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,\"detail\":\"the"
                        + " privilege log names every FORENSIC item and counsel's basis for it: LEGAL and the incident"
                        + " commander read it\"}");
        CliRun r = log(url);
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .startsWith("tandem evidence privilege-log: ")
                .contains("LEGAL and the incident commander read it")
                .contains("(forbidden)");
    }
}
