package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code tandem backup --server}: how a refusal and an unreachable server end (docs/contracts.md §4). */
class BackupCommandTest {
    @TempDir
    Path dir;

    final StringWriter err = new StringWriter();

    int backup(String server) {
        String[] args = {
            "backup",
            "--server",
            server,
            "--token",
            "t",
            "--out",
            dir.resolve("b.zip").toString()
        };
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aValidTokenOfAUserWhoIsNoAdministratorExitsTwoWithTheServersDetail() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/admin/backup", exchange -> {
            byte[] b = ("{\"type\":\"urn:tandem:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                            + "\"detail\":\"only an administrator takes backups\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(403, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
        try {
            assertThat(backup("http://127.0.0.1:" + server.getAddress().getPort()))
                    .isEqualTo(TandemCommand.EXIT_USAGE);
        } finally {
            server.stop(0);
        }
        assertThat(err.toString())
                .contains("tandem backup: not allowed for this token's user (403): only an administrator takes backups"
                        + " (forbidden)")
                .doesNotContain("urn:");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anUnreachableServerExitsThreeAndSaysConnectionRefused() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(backup("http://127.0.0.1:" + port)).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(err.toString())
                .contains("cannot reach http://127.0.0.1:" + port + "/: connection refused")
                .doesNotContain("null");
    }
}
