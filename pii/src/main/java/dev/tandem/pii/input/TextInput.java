package dev.tandem.pii.input;

import dev.tandem.pii.detect.CandidateScanner;
import java.io.IOException;

/** Plain text and logs: the candidate scanner over safe-split blocks. */
public final class TextInput {
    private TextInput() {}

    /**
     * Scans one block. Lines are numbered from {@code lineAtStart}; returns the newlines in the
     * block so a caller running blocks in parallel can renumber them in order.
     */
    public static long scanBlock(
            CandidateScanner scanner, String file, Out out, byte[] buf, int len, long offset, long lineAtStart) {
        Forwarder f = new Forwarder(file, out);
        f.block(buf, 0, offset, lineAtStart);
        scanner.scan(buf, 0, len, f);
        return f.lineAt(len) - lineAtStart;
    }

    static long scan(Blocks blocks, String file, Context ctx) throws IOException, InterruptedException {
        long line = 1;
        long total = 0;
        Forwarder f = new Forwarder(file, ctx.out());
        while (blocks.next()) {
            Out.checkInterrupted();
            byte[] buf = blocks.buf();
            int len = blocks.length();
            f.block(buf, 0, blocks.offset(), line);
            ctx.scanner().scan(buf, 0, len, f);
            line = f.lineAt(len);
            total += len;
            ctx.out().advanced(len);
        }
        return total;
    }
}
