package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar tandem.jar scan} as a user starts it: the scanning threads lower their priority
 * through java.lang.foreign, which the jar's manifest allows, so nothing is printed on standard error.
 */
class ScanFromTheJarIT {

    @Test
    void aScanWhoseThreadsYieldPrintsNoNativeAccessWarning(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "tandem.jar");
        assertThat(jar).as("the executable jar, built by the package phase").exists();
        Path input = dir.resolve("a.log");
        Files.writeString(input, "ssn 536-22-8726\n".repeat(500));
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        jar.toString(),
                        "scan",
                        input.toString(),
                        "--format",
                        "jsonl",
                        "--threads",
                        "2",
                        "--nice",
                        "10"))
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile())
                .start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("err"))).isEqualTo(1);
        assertThat(Files.readString(dir.resolve("err"))).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("out")))
                .filteredOn(l -> l.contains("\"kind\":\"finding\""))
                .hasSize(500);
    }
}
