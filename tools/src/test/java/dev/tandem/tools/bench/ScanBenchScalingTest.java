package dev.tandem.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScanBenchScalingTest {

    private static ScanBench.Config config(String name, int threads, double... seconds) {
        List<TimedProcess.Result> results = new ArrayList<>();
        for (double s : seconds) results.add(new TimedProcess.Result(s, 0, 1, 1, "x", 100L << 20, s, 0, "", ""));
        return new ScanBench.Config(name, threads, List.of(), results);
    }

    private static String lines(Map<String, ScanBench.Config> c) {
        StringWriter s = new StringWriter();
        try (PrintWriter out = new PrintWriter(s)) {
            ScanBench.scalingLine(out, c, 2);
        }
        return s.toString();
    }

    @Test
    void givesScalingByThreadsAndByCoresFromTheBestRuns() {
        Map<String, ScanBench.Config> c = new LinkedHashMap<>();
        c.put("t1", config("tandem scan --threads 1", 1, 4.0, 3.6, 3.8));
        c.put("tN", config("tandem scan --threads 2", 2, 4.0, 4.4, 4.2));
        c.put("t1c", config("tandem, 1 core (taskset)", 1, 6.4, 6.0, 6.2));
        assertThat(lines(c))
                // 3.6 / 4.0 = 0.90x, 0.45 of linear; medians 3.8 / 4.2 / 2 = 0.45
                .contains("scaling 1 -> 2 threads: 0.90x faster, 0.45 of linear (target >= 0.80); median 0.45")
                // 6.0 / 4.0 = 1.50x, 0.75 of linear; medians 6.2 / 4.2 / 2 = 0.74
                .contains("scaling 1 -> 2 cores: 1.50x faster, 0.75 of linear (the one-thread scan held to one core"
                        + " with taskset, against --threads 2 on all); median 0.74 of linear");
    }

    @Test
    void saysWhenTheOneCoreRunWasNotMade() {
        Map<String, ScanBench.Config> c = new LinkedHashMap<>();
        c.put("t1", config("tandem scan --threads 1", 1, 3.0));
        c.put("tN", config("tandem scan --threads 2", 2, 2.0));
        assertThat(lines(c))
                .contains("scaling 1 -> 2 threads: 1.50x faster, 0.75 of linear")
                .contains("scaling 1 -> 2 cores: not measured (taskset, from util-linux, is not installed)");
    }
}
