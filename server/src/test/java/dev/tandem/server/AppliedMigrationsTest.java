package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every committed Flyway migration keeps the bytes it was committed with: a database migrated by
 * one build must start with the next (Flyway refuses a changed checksum). The SHA-256 of each is in
 * {@code src/test/resources/db/applied-migrations.sha256} ({@code sha256sum} format, paths under
 * {@code src/main/resources}); a new migration gets its line there when it is added.
 */
class AppliedMigrationsTest {
    private static final Path RESOURCES = Path.of("src/main/resources");
    private static final Path LIST = Path.of("src/test/resources/db/applied-migrations.sha256");

    @Test
    void noCommittedMigrationIsEditedRemovedOrUnlisted() throws IOException {
        Map<String, String> listed = new TreeMap<>();
        for (String line : Files.readAllLines(LIST, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                listed.put(line.substring(66).strip(), line.substring(0, 64));
            }
        }
        Map<String, String> present = new TreeMap<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("db"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                present.put(RESOURCES.relativize(f).toString().replace('\\', '/'), sha256(Files.readAllBytes(f)));
            }
        }
        List<String> problems = new ArrayList<>();
        listed.forEach((path, sha) -> {
            String now = present.get(path);
            if (now == null) {
                problems.add(path + " was applied and is gone: never remove or rename an applied migration");
            } else if (!now.equals(sha)) {
                problems.add(path + " changed since it was committed (sha256 " + sha + ", now " + now
                        + "): never edit an applied migration; add V" + next(listed) + " with the change");
            }
        });
        present.forEach((path, sha) -> {
            if (!listed.containsKey(path)) {
                problems.add(path + " is not in " + LIST + ": add the line '" + sha + "  " + path + "'");
            }
        });
        assertThat(problems).as(String.join("\n", problems)).isEmpty();
    }

    private static int next(Map<String, String> listed) {
        return listed.keySet().stream()
                        .map(p -> p.substring(p.lastIndexOf('/') + 2, p.indexOf("__")))
                        .mapToInt(Integer::parseInt)
                        .max()
                        .orElse(0)
                + 1;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
