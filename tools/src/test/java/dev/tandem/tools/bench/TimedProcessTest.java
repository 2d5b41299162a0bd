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
        assertThat(r.outputBytes()).isEqualTo(printed.getBytes(StandardCharsets.UTF_8).length);
        if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/time"))) {
            assertThat(r.kernelSeconds()).isBetween(0.0, r.cpuSeconds());
        }
        assertThat(r.sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(
                                MessageDigest.getInstance("SHA-256").digest(printed.getBytes(StandardCharsets.UTF_8))));
        assertThat(r.stderr()).contains("oops");
        assertThat(r.seconds()).isPositive();
    }

    @Test
    void givesTheChildAReportFileAndReturnsWhatItWrote() throws Exception {
        TimedProcess.Result r = TimedProcess.run(
                List.of(
                        "sh",
                        "-c",
                        "printf '{\"caller\":{\"user\":1.00,\"system\":0.50}}\\n' > \"$TANDEM_CPU_REPORT\""),
                true);
        assertThat(r.exit()).isZero();
        assertThat(r.cpuReport()).isEqualTo("{\"caller\":{\"user\":1.00,\"system\":0.50}}");
        assertThat(ScanBench.whereTheCpuWent(r.cpuReport())).isEqualTo("caller 1.50 (kernel 0.50)");
        // not asked: no variable, nothing read
        TimedProcess.Result none = TimedProcess.run(List.of("sh", "-c", "test -z \"$TANDEM_CPU_REPORT\""));
        assertThat(none.exit()).isZero();
        assertThat(none.cpuReport()).isEmpty();
    }

    @Test
    void leavesOutKindsThatTookNoTimeAndSmallKernelShares() {
        assertThat(ScanBench.whereTheCpuWent("{\"scanning\":{\"user\":2.40,\"system\":0.05},"
                        + "\"reader\":{\"user\":0.00,\"system\":0.00},\"jit\":{\"user\":1.20,\"system\":0.01}}"))
                .isEqualTo("scanning 2.45, jit 1.21");
        assertThat(ScanBench.whereTheCpuWent("")).isEmpty();
    }
}
