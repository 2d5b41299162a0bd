package dev.tandem.app.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the machine's PostgreSQL (default {@code 127.0.0.1:5432}, trust
 * authentication, the OS user; override with {@code TANDEM_TEST_PG_URL}/{@code TANDEM_TEST_PG_USER}),
 * dropped on {@link #close()}.
 */
public final class ScratchPostgres implements AutoCloseable {
    static final String ADMIN_URL = env("TANDEM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("TANDEM_TEST_PG_USER", System.getProperty("user.name", "postgres"));

    private final String name;

    private ScratchPostgres(String name) {
        this.name = name;
    }

    public static ScratchPostgres create(String prefix) {
        String name = prefix + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        return new ScratchPostgres(name);
    }

    public String name() {
        return name;
    }

    public String jdbcUrl() {
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public String user() {
        return USER;
    }

    /** host and port of the server, for command-line tools such as pgbench. */
    public String host() {
        String rest = ADMIN_URL.substring("jdbc:postgresql://".length());
        return rest.substring(0, rest.indexOf('/')).split(":")[0];
    }

    public String port() {
        String rest = ADMIN_URL.substring("jdbc:postgresql://".length());
        String hostPort = rest.substring(0, rest.indexOf('/'));
        return hostPort.contains(":") ? hostPort.substring(hostPort.indexOf(':') + 1) : "5432";
    }

    /** The environment that points a server process at this database. */
    public java.util.Map<String, String> serverEnvironment() {
        return java.util.Map.of(
                "SPRING_DATASOURCE_URL",
                jdbcUrl(),
                "SPRING_DATASOURCE_USERNAME",
                USER,
                "SPRING_DATASOURCE_PASSWORD",
                "");
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, "");
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is needed here (" + ADMIN_URL + " as " + USER + "): " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
