package dev.tandem.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, trust authentication; override with
 * TANDEM_TEST_PG_URL/TANDEM_TEST_PG_USER). Each test class gets a database of its own, dropped
 * when the JVM exits.
 */
public final class TestDatabases {
    static final String ADMIN_URL = env("TANDEM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = env("TANDEM_TEST_PG_USER", System.getProperty("user.name", "postgres"));

    private TestDatabases() {}

    /** Creates a fresh database and answers its JDBC URL. */
    public static String freshPostgres() {
        String name = "tandem_it_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                // best effort at JVM exit; a leftover tandem_it_* database is harmless
            }
        }));
        return ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + name;
    }

    public static String user() {
        return USER;
    }

    /** A test context on the embedded store: H2 and blobs in a fresh temporary data directory. */
    public static void embedded(DynamicPropertyRegistry registry, String tag) throws IOException {
        Path dir = scratch("tandem-" + tag + "-it");
        registry.add("tandem.data-dir", dir::toString);
    }

    /**
     * Where the tests' data directories go: {@code target/it-data} of the module, not the system's
     * temporary folder, where every run left tens of MiB for good. The previous run's directories
     * are removed when this class is first used: surefire and failsafe run one test JVM at a time,
     * so no other JVM is using them (and a failed run's are there to look at until the next run).
     */
    private static final Path SCRATCH = scratchRoot();

    private static Path scratchRoot() {
        Path root = Path.of("target", "it-data").toAbsolutePath();
        try {
            if (Files.isDirectory(root)) deleteTree(root);
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot prepare " + root + " for the tests' data", e);
        }
    }

    /** Removes {@code dir} and everything under it. */
    public static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** A fresh directory for a test's data (a server's data directory, a witness's state, …). */
    public static Path scratch(String prefix) throws IOException {
        return Files.createTempDirectory(SCRATCH, prefix);
    }

    /** A test context on a fresh PostgreSQL database, blobs in a fresh temporary data directory. */
    public static void postgres(DynamicPropertyRegistry registry, String tag) throws IOException {
        String url = freshPostgres();
        embedded(registry, tag);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabases::user);
        registry.add("spring.datasource.password", () -> "");
        // Spring keeps test contexts cached, each with its pool: idle connections of many cached
        // contexts would exhaust PostgreSQL's max_connections (100 by default).
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "8");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "PostgreSQL is needed for the persistence tests (" + ADMIN_URL + " as " + USER + "): "
                            + e.getMessage(),
                    e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
