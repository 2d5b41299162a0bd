package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ServerConnectionTest {
    /** The options as picocli fills them from {@code args}. */
    static ServerConnection parse(String... args) {
        ServerConnection o = new ServerConnection();
        new CommandLine(new Object() {
                    @CommandLine.Mixin
                    ServerConnection options = o;
                })
                .parseArgs(args);
        return o;
    }

    static UnaryOperator<String> env(Map<String, String> vars) {
        return vars::get;
    }

    @Test
    void apiPathsResolveBelowTheServersPathWithOrWithoutATrailingSlash() throws Exception {
        for (String server : new String[] {"http://h:8080", "http://h:8080/"}) {
            ServerConnection.Target t =
                    parse("--server", server, "--token", "tdm_a").target(env(Map.of()));
            assertThat(t.resolve("api/v1/ledger/key")).hasToString("http://h:8080/api/v1/ledger/key");
            assertThat(t.resolve("/api/v1/ledger/key")).hasToString("http://h:8080/api/v1/ledger/key");
            assertThat(t.token()).isEqualTo("tdm_a");
        }
        ServerConnection.Target proxied = parse("--server", "https://proxy.example/tandem", "--token", "t")
                .target(env(Map.of()));
        assertThat(proxied.resolve("/api/v1/incidents/x/export"))
                .hasToString("https://proxy.example/tandem/api/v1/incidents/x/export");
    }

    @Test
    void theTokenComesFromTheOptionANamedVariableOrTandemToken() throws Exception {
        assertThat(parse("--server", "http://h")
                        .target(env(Map.of("TANDEM_TOKEN", "from-default")))
                        .token())
                .isEqualTo("from-default");
        assertThat(parse("--server", "http://h", "--token", "env:MY_TOKEN")
                        .target(env(Map.of("MY_TOKEN", " from-named\n", "TANDEM_TOKEN", "other")))
                        .token())
                .isEqualTo("from-named");
        assertThat(parse("--server", "http://h", "--token", "given")
                        .target(env(Map.of("TANDEM_TOKEN", "other")))
                        .token())
                .isEqualTo("given");
    }

    @Test
    void aMissingTokenOrVariableIsAUsageErrorThatSaysWhatToSet() {
        assertThatThrownBy(() -> parse("--server", "http://h").target(env(Map.of())))
                .isInstanceOf(ServerConnection.Problem.class)
                .hasMessageContaining("--token T")
                .hasMessageContaining("TANDEM_TOKEN");
        assertThatThrownBy(() ->
                        parse("--server", "http://h", "--token", "env:NOPE").target(env(Map.of())))
                .hasMessage("--token env:NOPE: the environment variable NOPE is not set or empty");
        assertThatThrownBy(
                        () -> parse("--server", "http://h", "--token", "env:").target(env(Map.of())))
                .hasMessageContaining("name is missing");
        assertThatThrownBy(() -> parse("--server", "http://h", "--token", " ").target(env(Map.of())))
                .hasMessage("--token is empty");
    }

    @Test
    void aServerThatIsNoHttpBaseUrlIsNamedInTheError() {
        Map<String, String> vars = Map.of("TANDEM_TOKEN", "t");
        assertThatThrownBy(() -> parse("--server", "localhost:8080").target(env(vars)))
                .hasMessageContaining("--server must be an http:// or https:// URL")
                .hasMessageContaining("'localhost:8080'");
        assertThatThrownBy(() -> parse("--server", "ftp://h/").target(env(vars)))
                .hasMessageContaining("--server must be an http://");
        assertThatThrownBy(() -> parse("--server", "http://h/a b").target(env(vars)))
                .hasMessageStartingWith("--server is not a URL");
        assertThatThrownBy(() -> parse("--server", "http://h/?incident=1").target(env(vars)))
                .hasMessageContaining("without ?query");
        assertThatThrownBy(() -> parse("--server", "http://h:8080/api/v1").target(env(vars)))
                .hasMessage("--server is the server's base URL, without the API's /api/v1 (the commands add it):"
                        + " give 'http://h:8080', was 'http://h:8080/api/v1'");
        assertThatThrownBy(() -> parse("--server", "https://h/tandem/api/v1/").target(env(vars)))
                .hasMessageContaining("give 'https://h/tandem', was 'https://h/tandem/api/v1/'");
    }

    @Test
    void aRefusalQuotesTheServersDetailOrItsBodyShortened() {
        assertThat(ServerConnection.refusal(401, "{\"detail\":\"unknown or revoked token\"}"))
                .isEqualTo(
                        "the server refused the token (401): unknown or revoked token; check --token or TANDEM_TOKEN");
        assertThat(ServerConnection.refusal(403, "{\"detail\":\"counsel only\"}"))
                .isEqualTo("not allowed for this token's user (403): counsel only");
        assertThat(ServerConnection.reason("<html>Forbidden</html>")).isEqualTo("<html>Forbidden</html>");
        assertThat(ServerConnection.reason("x".repeat(400))).hasSize(301).endsWith("…");
    }

    @Test
    void eachAnswerMapsToTheExitCodeOfContractsSection4WithTheDetail() {
        String problem = "{\"type\":\"urn:tandem:problem:bad-request\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"since must be at most the tree size\"}";
        assertThat(ServerConnection.answered(400, problem))
                .isEqualTo(new ServerConnection.Failure(
                        TandemCommand.EXIT_USAGE,
                        "the server answered 400: since must be at most the tree size (bad-request)"));
        assertThat(ServerConnection.answered(403, "{\"detail\":\"only an administrator takes backups\"}"))
                .isEqualTo(new ServerConnection.Failure(
                        TandemCommand.EXIT_USAGE,
                        "not allowed for this token's user (403): only an administrator takes backups"));
        assertThat(ServerConnection.answered(401, "").exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(ServerConnection.answered(502, "<html>Bad Gateway</html>"))
                .isEqualTo(new ServerConnection.Failure(
                        TandemCommand.EXIT_UNREACHABLE, "the server answered 502: <html>Bad Gateway</html>"));
        assertThat(ServerConnection.reason("{\"title\":\"Not Found\",\"status\":404}"))
                .isEqualTo("Not Found");
        assertThat(ServerConnection.reason(" ")).isEqualTo("no reason given");
    }

    /**
     * Every command's refusal is worded by {@link ServerConnection#answered}: one line, the detail and
     * then the problem's type in parentheses, and what the command adds inside them (docs/contracts.md §4).
     */
    @Test
    void aRefusalIsOneLineWithTheDetailAndTheProblemsType() {
        String conflict = "{\"type\":\"urn:tandem:problem:change-not-approved\",\"status\":409,"
                + "\"detail\":\"change CH1 lacks\\n  the approval\"}";
        assertThat(ServerConnection.answered(409, conflict).message())
                .isEqualTo("the server answered 409: change CH1 lacks the approval (change-not-approved)");
        assertThat(ServerConnection.answered(409, conflict, "option --post-snapshot")
                        .message())
                .isEqualTo("the server answered 409: change CH1 lacks the approval"
                        + " (change-not-approved; option --post-snapshot)");
        assertThat(ServerConnection.answered(
                        403, "{\"type\":\"urn:tandem:problem:forbidden\",\"detail\":\"counsel only\"}"))
                .isEqualTo(new ServerConnection.Failure(
                        TandemCommand.EXIT_USAGE, "not allowed for this token's user (403): counsel only (forbidden)"));
        assertThat(ServerConnection.answered(
                                401, "{\"type\":\"urn:tandem:problem:unauthorized\",\"detail\":\"unknown token\"}")
                        .message())
                .isEqualTo("the server refused the token (401): unknown token (unauthorized); check --token or"
                        + " TANDEM_TOKEN");
        // no type (about:blank, or no problem answer): nothing in parentheses, nor what the command adds
        assertThat(ServerConnection.answered(404, "{\"type\":\"about:blank\",\"detail\":\"no such incident\"}", "x")
                        .message())
                .isEqualTo("the server answered 404: no such incident");
    }

    @Test
    void aProblemsTypeIsReadAsItsCodeAndNothingElseIsAType() {
        assertThat(ServerConnection.problemType("{\"type\":\"urn:tandem:problem:change-executed\",\"detail\":\"x\"}"))
                .isEqualTo("change-executed");
        assertThat(ServerConnection.problemType("{\"type\":\"about:blank\",\"title\":\"Not Found\"}"))
                .isNull();
        assertThat(ServerConnection.problemType("{\"detail\":\"no type\"}")).isNull();
        assertThat(ServerConnection.problemType("[1,2]")).isNull();
        assertThat(ServerConnection.problemType("<html>Bad Gateway</html>")).isNull();
        assertThat(ServerConnection.problemType("")).isNull();
    }

    @Test
    void aRequestWithoutAnAnswerSaysWhatHappenedAndWhatToCheck() {
        java.net.URI server = java.net.URI.create("https://tandem.example/");
        // what java.net.http throws: a ConnectException with no message around the channel's exception
        java.net.ConnectException refused = new java.net.ConnectException();
        refused.initCause(new java.nio.channels.ClosedChannelException());
        assertThat(ServerConnection.unreachable(server, refused))
                .isEqualTo(new ServerConnection.Failure(
                        TandemCommand.EXIT_UNREACHABLE,
                        "cannot reach https://tandem.example/: connection refused; check that the server is running"
                                + " and that --server gives its host and port (tandem.example:443)"));
        java.net.ConnectException unknown = new java.net.ConnectException();
        unknown.initCause(new java.nio.channels.UnresolvedAddressException());
        assertThat(ServerConnection.unreachable(server, unknown).message())
                .isEqualTo("cannot reach https://tandem.example/: unknown host tandem.example;"
                        + " check the host name in --server");
        assertThat(ServerConnection.unreachable(server, new java.net.http.HttpConnectTimeoutException("x"))
                        .message())
                .contains("timed out connecting; check the host and port in --server");
        assertThat(ServerConnection.unreachable(server, new java.net.http.HttpTimeoutException("x"))
                        .message())
                .contains("timed out waiting for the server's answer");
        assertThat(ServerConnection.unreachable(
                                server, new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake"))
                        .message())
                .contains("the TLS handshake failed (Remote host terminated the handshake); check http:// or https://");
        assertThat(ServerConnection.unreachable(server, new java.io.IOException())
                        .message())
                .isEqualTo("cannot reach https://tandem.example/: IOException; check --server (http:// or https://,"
                        + " host and port)");
    }
}
