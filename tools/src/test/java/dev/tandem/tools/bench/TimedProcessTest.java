package dev.tandem.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedProcessTest {

    @Test
    void countsLinesAndDigestsTheOutputTheProcessWrote() throws Exception {
        String printed = "first\nsecond\n" + "x".repeat(200_000) + "\n";
        TimedProcess.Result r = TimedProcess.run(List.of(
                "sh",
                "-c",
                "printf 'first\\nsecond\\n'; head -c 200000 /dev/zero | tr '\\0' x; echo; echo oops >&2; exit 3"));
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.lines()).isEqualTo(3);
        assertThat(r.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(printed.getBytes(StandardCharsets.UTF_8))));
        assertThat(r.stderr()).contains("oops");
        assertThat(r.seconds()).isPositive();
    }
}
