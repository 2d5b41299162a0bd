package dev.tandem.cli.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadNiceTest {

    /** The nice value of the calling thread, from /proc/thread-self/stat (field 19, after the command's parenthesis). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]); // field 19 of stat; after[0] is field 3
    }

    @Test
    void lowersTheCallingThreadOnlyOnLinux() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")), "Linux only");
        int mine = niceOfThisThread();
        AtomicReference<Object> seen = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                boolean set = ThreadNice.set(Math.max(mine, 13));
                seen.set(set + " " + niceOfThisThread());
            } catch (Exception e) {
                seen.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(seen.get()).isEqualTo("true " + Math.max(mine, 13));
        assertThat(niceOfThisThread())
                .as("the calling thread of the test is left as it was")
                .isEqualTo(mine);
    }

    @Test
    void refusesValuesOutsideZeroToNineteen() {
        assertThatThrownBy(() -> ThreadNice.set(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadNice.set(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
