package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock is between processes, so the other server here is a real second JVM. */
class BlobDirectoryLockTest {
    @TempDir
    Path blobs;

    @Test
    void aServerAloneSweepsEverythingOneSharingTheDirectoryKeepsYoungBlobs() throws Exception {
        List<Boolean> seen = new ArrayList<>();
        try (BlobDirectoryLock first = BlobDirectoryLock.open(blobs)) {
            first.sweepThenShare(seen::add);
        }
        assertThat(seen).containsExactly(true);

        Process other = holdSharedLockInAnotherProcess();
        try {
            try (BlobDirectoryLock second = BlobDirectoryLock.open(blobs)) {
                second.sweepThenShare(seen::add);
            }
            assertThat(seen).containsExactly(true, false);
        } finally {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        // the killed process's lock is gone with it: a restart finds itself alone again
        try (BlobDirectoryLock third = BlobDirectoryLock.open(blobs)) {
            third.sweepThenShare(seen::add);
        }
        assertThat(seen).containsExactly(true, false, true);
    }

    private Process holdSharedLockInAnotherProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(), blobs.toString())
                .redirectErrorStream(true)
                .start();
        var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).isEqualTo("locked");
        return p;
    }

    /** The other server: takes the shared lock as a running server holds it, and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            FileChannel ch = FileChannel.open(
                    Path.of(args[0]).resolve("in-use.lock"),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (ch.tryLock(0, Long.MAX_VALUE, true) == null) {
                System.out.println("not locked");
                return;
            }
            System.out.println("locked");
            System.out.flush();
            Thread.sleep(600_000);
        }
    }
}
