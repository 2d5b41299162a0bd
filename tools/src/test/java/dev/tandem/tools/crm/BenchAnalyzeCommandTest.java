package dev.tandem.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchAnalyzeCommandTest {
    @Test
    void readsSizesWithBinaryAndDecimalUnits() {
        assertThat(BenchAnalyzeCommand.parseSize("1GiB")).isEqualTo(1L << 30);
        assertThat(BenchAnalyzeCommand.parseSize("200MiB")).isEqualTo(200L << 20);
        assertThat(BenchAnalyzeCommand.parseSize("1.5GB")).isEqualTo(1_500_000_000L);
        assertThat(BenchAnalyzeCommand.parseSize("4096")).isEqualTo(4096L);
    }

    @Test
    void printsBothThroughputsTheirRatioAndTheHeapKept() {
        ToolsCli.Run r = ToolsCli.run("bench", "analyze", "--size", "3MiB", "--users", "40", "--rounds", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("parse only (best)")
                .contains("analysis (best)")
                .containsPattern("ratio +\\d+\\.\\d\\dx")
                .contains("heap kept")
                .contains("sessions for");
    }
}
