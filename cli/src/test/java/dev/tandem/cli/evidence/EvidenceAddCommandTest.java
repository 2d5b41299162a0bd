package dev.tandem.cli.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.StubServer;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvidenceAddCommandTest {
    @TempDir
    Path dir;

    StubServer server;
    final List<String> queries = new CopyOnWriteArrayList<>();
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** A stand-in vault: answers with {@code answer} applied to the SHA-256 of the bytes it received. */
    String serve(int status, Function<String, String> answer) throws IOException {
        server = new StubServer("/api/v1/incidents/", exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            String sha;
            try (InputStream in = exchange.getRequestBody()) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
                sha = HexFormat.of().formatHex(md.digest());
            } catch (Exception e) {
                throw new IOException(e);
            }
            StubServer.reply(exchange, status, answer.apply(sha));
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

    /** {@code tandem evidence add} of one file to incident "i", with {@code options} before it. */
    int add(String url, String token, Path file, String... options) {
        List<String> args =
                new ArrayList<>(List.of("evidence", "add", "--server", url, "--token", token, "--incident", "i"));
        args.addAll(List.of(options));
        args.add(file.toString());
        return run(args.toArray(String[]::new));
    }

    Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    @Test
    void streamsEachFileAndPrintsItsIdAndHash() throws IOException {
        String url = serve(201, sha -> "{\"id\":\"ev-1\",\"sha256\":\"" + sha + "\",\"size\":5}");
        Path a = file("capture.har", "{\"log\":{}}");
        Path b = file("EventLogFile.csv", "a,b\n");
        int rc = run(
                "evidence",
                "add",
                "--server",
                url,
                "--token",
                "tdm_x",
                "--incident",
                "inc-1",
                a.toString(),
                b.toString());
        assertThat(rc).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ev-1  ", a.toString(), b.toString());
        assertThat(queries).hasSize(2);
        assertThat(queries.get(0))
                .contains("repository=FORENSIC", "kind=HTTP_CAPTURE", "name=capture.har", "auth=Bearer tdm_x");
        assertThat(queries.get(1)).contains("kind=LOG");
    }

    @Test
    void sendsThePrivilegeBasisWhenGiven() throws IOException {
        String url = serve(201, sha -> "{\"id\":\"ev-1\",\"sha256\":\"" + sha + "\",\"size\":5}");
        Path a = file("report.pdf", "%PDF-");
        int rc = add(url, "tdm_x", a, "--privilege-basis", "Work product: counsel's forensic firm");
        assertThat(rc).as(err.toString()).isZero();
        assertThat(queries.get(0)).contains("privilegeBasis=Work+product%3A+counsel%27s+forensic+firm");
        int again = add(url, "tdm_x", a);
        assertThat(again).isZero();
        assertThat(queries.get(1)).doesNotContain("privilegeBasis");
    }

    @Test
    void reportsAServerThatRecordedADifferentHash() throws IOException {
        String url = serve(201, sha -> "{\"id\":\"ev-1\",\"sha256\":\"" + "0".repeat(64) + "\"}");
        int rc = add(url, "t", file("x.txt", "x"));
        assertThat(rc).isEqualTo(TandemCommand.EXIT_FOUND);
        assertThat(err.toString()).contains("recorded SHA-256 " + "0".repeat(64));
    }

    @Test
    void refusedTokenAndUnreachableServerExitWithThree() throws IOException {
        String url = serve(401, sha -> "{\"type\":\"urn:tandem:problem:unauthenticated\"}");
        assertThat(add(url, "bad", file("x.txt", "x"))).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        server.close();
        assertThat(add(url, "t", file("y.txt", "y"))).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(err.toString())
                .contains("cannot reach " + url + "/: connection refused; check that the server is running")
                .doesNotContain(": null");
    }

    @Test
    void aServerErrorPrintsItsDetailAndExitsThree() throws IOException {
        String url =
                serve(503, sha -> "{\"type\":\"urn:tandem:problem:unavailable\",\"detail\":\"the database is down\"}");
        assertThat(add(url, "t", file("x.txt", "x"))).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(err.toString())
                .contains("the server answered 503: the database is down (unavailable)")
                .doesNotContain("urn:");
    }

    @Test
    void aRoleRefusalIsNotABadTokenAndSaysWhy() throws IOException {
        String url = serve(
                403,
                sha -> "{\"type\":\"urn:tandem:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"an auditor reads evidence and never adds it\"}");
        assertThat(add(url, "auditor", file("r.txt", "r"))).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err.toString())
                .contains(
                        "not allowed for this token's user (403): an auditor reads evidence and never adds it (forbidden)")
                .doesNotContain("refused the token");
    }

    @Test
    void problemsFromTheServerAndUnreadableFilesExitWithTwo() throws IOException {
        String url = serve(404, sha -> "{\"detail\":\"no incident nope\"}");
        assertThat(run(
                        "evidence",
                        "add",
                        "--server",
                        url,
                        "--token",
                        "t",
                        "--incident",
                        "nope",
                        file("x.txt", "x").toString()))
                .isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("no incident nope");
        assertThat(run(
                        "evidence",
                        "add",
                        "--server",
                        url,
                        "--token",
                        "t",
                        "--incident",
                        "i",
                        dir.resolve("missing.bin").toString()))
                .isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("missing.bin: not a readable file");
    }

    @Test
    void guessesKindsFromFileNames() {
        assertThat(EvidenceAddCommand.guessKind(Path.of("Contact.permissionset-meta.xml")))
                .isEqualTo("CONFIG_SNAPSHOT");
        assertThat(EvidenceAddCommand.guessKind(Path.of("disk.E01"))).isEqualTo("FORENSIC_IMAGE");
        assertThat(EvidenceAddCommand.guessKind(Path.of("notes.bin"))).isEqualTo("OTHER");
    }
}
