package dev.tandem.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tandem.cli.scan.ThreadCpu.Kind;
import dev.tandem.cli.scan.ThreadCpu.Stat;
import dev.tandem.cli.scan.ThreadCpu.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    @Test
    void readsUserAndSystemTicksAfterTheLastParenthesis() {
        // a name with a space and a parenthesis, as comm allows; utime 1234, stime 56
        Stat s = ThreadCpu.parse("4711 (C2 Compiler) x) S 1 1 1 0 -1 4194304 163 0 0 0 1234 56 0 0 20 0 1 0 1 2 3");
        assertThat(s.comm()).isEqualTo("C2 Compiler) x");
        assertThat(s.userTicks()).isEqualTo(1234);
        assertThat(s.systemTicks()).isEqualTo(56);
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ThreadCpu.parse("no parentheses here"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a /proc stat line");
        assertThatThrownBy(() -> ThreadCpu.parse("1 (java) S 1 2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }

    @Test
    void namesThreadsByWhatTheyDo() {
        assertThat(ThreadCpu.kind("tandem-scan")).isEqualTo(Kind.SCANNING);
        assertThat(ThreadCpu.kind("tandem-scan-rea")).isEqualTo(Kind.READER);
        assertThat(ThreadCpu.kind("java")).isEqualTo(Kind.CALLER);
        assertThat(ThreadCpu.kind("C2 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(ThreadCpu.kind("C1 CompilerThre")).isEqualTo(Kind.JIT);
        assertThat(ThreadCpu.kind("GC Thread#1")).isEqualTo(Kind.GC);
        assertThat(ThreadCpu.kind("VM Thread")).isEqualTo(Kind.GC);
        assertThat(ThreadCpu.kind("Signal Dispatch")).isEqualTo(Kind.OTHER);
    }

    @Test
    void whatTheProcessSpentBeyondItsLiveThreadsIsTheEndedThreads() {
        Map<Kind, Time> m = ThreadCpu.sum(
                new Stat("java", 500, 120),
                List.of(
                        new Stat("java", 100, 80),
                        new Stat("C2 CompilerThre", 90, 1),
                        new Stat("C1 CompilerThre", 10, 0),
                        new Stat("GC Thread#0", 20, 9)));
        assertThat(m.get(Kind.CALLER)).isEqualTo(new Time(1.0, 0.8));
        assertThat(m.get(Kind.JIT).user()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.get(Kind.GC)).isEqualTo(new Time(0.2, 0.09));
        assertThat(m.get(Kind.SCANNING)).isEqualTo(new Time(0, 0));
        // 500 - 220 user ticks and 120 - 90 system ticks belong to threads no longer listed
        assertThat(m.get(Kind.ENDED).user()).isEqualTo(2.8, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.get(Kind.ENDED).system()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(ThreadCpu.json(m))
                .startsWith("{\"scanning\":{\"user\":0.00,\"system\":0.00},\"caller\":{\"user\":1.00,\"system\":0.80}")
                .contains("\"ended\":{\"user\":2.80,\"system\":0.30}}");
    }

    @Test
    void readsThisProcessOnLinux() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no /proc: not Linux");
        // spend some CPU on this thread so that the total cannot be zero
        long x = 0;
        long until = System.nanoTime() + 50_000_000L;
        while (System.nanoTime() < until) x += Long.numberOfTrailingZeros(x + System.nanoTime());
        Map<Kind, Time> m = ThreadCpu.now();
        assertThat(m).isNotNull();
        double total = m.values().stream().mapToDouble(Time::total).sum();
        assertThat(total).as("CPU of this process (%d)", x).isGreaterThan(0);
        assertThat(m.get(Kind.JIT).total() + m.get(Kind.OTHER).total()).isGreaterThan(0);
    }
}
