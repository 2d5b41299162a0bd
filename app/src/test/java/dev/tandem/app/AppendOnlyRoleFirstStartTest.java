package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append-only role's documented first start (docs/operations.md, "PostgreSQL: an append-only
 * role"): the owner migrates, then the server's role may not read the tables just created. The
 * executable says so in one line on stderr and exits 2, with no stack trace.
 */
@Timeout(180)
class AppendOnlyRoleFirstStartTest {
    static final String HOST = "jdbc:postgresql://127.0.0.1:5432/";
    static final String ADMIN_USER = System.getenv().getOrDefault("TANDEM_TEST_PG_USER", "postgres");

    @TempDir
    Path dir;

    @Test
    void theFirstStartAsTheAppendOnlyRoleStopsWithOneLine() throws Exception {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", 5432), 2000);
        } catch (IOException e) {
            Assumptions.abort("no PostgreSQL at 127.0.0.1:5432");
        }
        String n = Long.toString(System.nanoTime(), 36);
        String owner = "tandem_owner_" + n;
        String app = "tandem_app_" + n;
        String db = "tandem_roles_" + n;
        sql(
                HOST + "postgres",
                "CREATE ROLE " + owner + " LOGIN PASSWORD 'owner-pw'",
                "CREATE ROLE " + app + " LOGIN PASSWORD 'app-pw'",
                "CREATE DATABASE " + db + " OWNER " + owner);
        sql(HOST + db, "REVOKE CREATE ON SCHEMA public FROM PUBLIC", "GRANT USAGE ON SCHEMA public TO " + app);
        Path data = dir.resolve("data");
        ProcessBuilder pb = Commands.serveProcess(data, dir);
        pb.environment().put("SPRING_DATASOURCE_URL", HOST + db);
        pb.environment().put("SPRING_DATASOURCE_USERNAME", app);
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "app-pw");
        pb.environment().put("SPRING_FLYWAY_USER", owner);
        pb.environment().put("SPRING_FLYWAY_PASSWORD", "owner-pw");
        Process p = pb.start();
        assertThat(p.waitFor(150, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(dir.resolve("out"));
        List<String> err = Files.readAllLines(dir.resolve("err"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out + err).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(err).as(out).hasSize(1);
        assertThat(err.getFirst())
                .startsWith("tandem serve: the database refused the server's role (SPRING_DATASOURCE_USERNAME,"
                        + " spring.datasource.username) a table: permission denied for table ")
                .endsWith("as the tables' owner grant the role its rights (docs/operations.md, \"PostgreSQL: an"
                        + " append-only role\") and start again")
                .doesNotContain("app-pw");
        assertThat(out).doesNotContain("\tat ").doesNotContain("Exception");
    }

    private static void sql(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, ADMIN_USER, "");
                Statement s = c.createStatement()) {
            for (String st : statements) s.execute(st);
        }
    }
}
