package dev.tandem.cli.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.StubServer;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir
    Path dir;

    StubServer server;

    /** A stand-in server that answers every export with {@code status} and {@code body}. */
    String serve(int status, String body) throws IOException {
        server = new StubServer("/api/v1/incidents/", x -> StubServer.reply(x, status, body));
        return server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    CliRun export(String url, String... extra) {
        String[] args = {
            "export",
            "--server",
            url,
            "--token",
            "t",
            "--incident",
            "INC-1",
            "--out",
            dir.resolve("bag.zip").toString()
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.run(all);
    }

    static String problem(int status, String code, String detail) {
        return "{\"type\":\"urn:tandem:problem:" + code + "\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
    }

    @Test
    void anUnreachableServerSaysConnectionRefusedAndWhatToCheck() throws IOException {
        String url = StubServer.unreachable();
        CliRun r = export(url);
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(r.err())
                .contains("cannot reach " + url + "/: connection refused")
                .contains("--server")
                .doesNotContain("null");
        assertThat(dir.resolve("bag.zip")).doesNotExist();
    }

    @Test
    void anUnknownHostIsNamed() {
        CliRun r = export("http://no-such-host.invalid");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(r.err()).contains("unknown host no-such-host.invalid").doesNotContain("null");
    }

    @Test
    void aRefusedRequestPrintsTheProblemsDetailNotItsJson() throws IOException {
        String url = serve(400, problem(400, "bad-since", "since must be at most the tree size"));
        CliRun r = export(url, "--since", "99");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .contains("the server answered 400: since must be at most the tree size (bad-since)")
                .doesNotContain("{")
                .doesNotContain("urn:tandem");
        server.close();
        url = serve(404, problem(404, "unknown-incident", "no incident INC-1"));
        r = export(url);
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .contains("the server answered 404: no incident INC-1 (unknown-incident)")
                .doesNotContain("{");
    }

    @Test
    void aForbiddenRequestExitsTwoAndABadTokenThree() throws IOException {
        String url = serve(403, problem(403, "forbidden", "not a member of this incident"));
        CliRun r = export(url);
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .contains("not allowed for this token's user (403): not a member of this incident (forbidden)");
        server.close();
        url = serve(401, "");
        r = export(url);
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(r.err()).contains("the server refused the token (401)", "--token");
    }
}
