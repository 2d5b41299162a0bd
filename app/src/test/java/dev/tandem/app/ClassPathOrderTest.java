package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's reordering of the extracted jar's class path: Tandem's jars first, the rest as they were. */
class ClassPathOrderTest {
    @TempDir
    Path dir;

    @Test
    void ownJarsComeFirstAndEachGroupKeepsItsOrder() {
        assertThat(ClassPathOrder.ownFirst(
                        List.of(
                                "lib/HikariCP-7.jar",
                                "lib/asm-9.jar",
                                "lib/tandem-cli-1.jar",
                                "lib/zstd.jar",
                                "lib/tandem-pii-1.jar"),
                        "tandem-"))
                .containsExactly(
                        "lib/tandem-cli-1.jar",
                        "lib/tandem-pii-1.jar",
                        "lib/HikariCP-7.jar",
                        "lib/asm-9.jar",
                        "lib/zstd.jar");
        // the prefix is matched on the file name, not on the folder
        assertThat(ClassPathOrder.ownFirst(List.of("a.jar", "tandem-lib/b.jar", "c/tandem-x.jar"), "tandem-"))
                .containsExactly("c/tandem-x.jar", "a.jar", "tandem-lib/b.jar");
    }

    @Test
    void theJarIsRewrittenWithItsEntriesAndOtherAttributesUnchanged() throws Exception {
        Path jar = dir.resolve("tandem.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.tandem.app.Main");
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, "lib/a.jar lib/tandem-core-1.jar lib/b.jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, m)) {
            JarEntry e = new JarEntry("dev/tandem/app/Main.class");
            e.setTime(1_700_000_000_000L);
            out.putNextEntry(e);
            out.write("not really a class".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }

        assertThat(ClassPathOrder.ownFirst(jar, "tandem-")).isTrue();

        try (JarFile read = new JarFile(jar.toFile())) {
            Attributes main = read.getManifest().getMainAttributes();
            assertThat(main.getValue(Attributes.Name.CLASS_PATH))
                    .isEqualTo("lib/tandem-core-1.jar lib/a.jar lib/b.jar");
            assertThat(main.getValue(Attributes.Name.MAIN_CLASS)).isEqualTo("dev.tandem.app.Main");
            JarEntry e = read.getJarEntry("dev/tandem/app/Main.class");
            assertThat(e.getTime()).isEqualTo(1_700_000_000_000L);
            assertThat(new String(read.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("not really a class");
        }
        // a second run finds it in order and leaves the file alone
        long before = Files.getLastModifiedTime(jar).toMillis();
        assertThat(ClassPathOrder.ownFirst(jar, "tandem-")).isFalse();
        assertThat(Files.getLastModifiedTime(jar).toMillis()).isEqualTo(before);
        assertThat(Files.list(dir)).containsExactly(jar);
    }
}
