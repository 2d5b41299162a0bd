package dev.tandem.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageCacheProbeTest {

    @Test
    void measuresBothWritesAndLeavesNoFileBehind(@TempDir Path dir) throws Exception {
        PageCacheProbe.Cost c = PageCacheProbe.measure(dir, 16L << 20, Duration.ofMillis(10));
        assertThat(c.justFreedPerGb()).isFinite().isNotNegative();
        assertThat(c.restedPerGb()).isFinite().isNotNegative();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }
}
