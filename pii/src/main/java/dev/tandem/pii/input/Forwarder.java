package dev.tandem.pii.input;

import dev.tandem.pii.Entity;
import dev.tandem.pii.Finding;
import dev.tandem.pii.detect.ByteClasses;
import dev.tandem.pii.detect.Hits;
import org.jspecify.annotations.Nullable;

/**
 * Turns buffer-relative hits into findings with file offsets and line numbers. Lines are counted
 * incrementally from the last position asked for, so a block's newlines are counted once.
 */
final class Forwarder implements Hits {
    interface Listener {
        void found(Entity entity, String normalized);
    }

    private final String file;
    private final Out out;
    private @Nullable Listener listener;
    private byte[] buf = new byte[0];
    private int bufStart;
    private long baseOffset;
    private int linePos;
    private long line;

    Forwarder(String file, Out out) {
        this.file = file;
        this.out = out;
    }

    String file() {
        return file;
    }

    Out out() {
        return out;
    }

    void listener(@Nullable Listener l) {
        this.listener = l;
    }

    /** A new block: {@code buf[bufStart]} is at file offset {@code baseOffset} on line {@code lineAtStart}. */
    void block(byte[] buf, int bufStart, long baseOffset, long lineAtStart) {
        this.buf = buf;
        this.bufStart = bufStart;
        this.baseOffset = baseOffset;
        this.linePos = bufStart;
        this.line = lineAtStart;
    }

    long offset(int pos) {
        return baseOffset + (pos - bufStart);
    }

    long lineAt(int pos) {
        if (pos >= linePos) line += ByteClasses.countNewlines(buf, linePos, pos);
        else line -= ByteClasses.countNewlines(buf, pos, linePos);
        linePos = pos;
        return line;
    }

    @Override
    public void hit(Entity entity, int start, int end, String value, String normalized, @Nullable String jurisdiction) {
        emit(entity, offset(start), offset(end), lineAt(start), value, normalized, jurisdiction);
    }

    void emit(
            Entity entity,
            long start,
            long end,
            long atLine,
            String value,
            String normalized,
            @Nullable String jurisdiction) {
        out.finding(new Finding(file, start, end, atLine, entity, value, normalized, jurisdiction));
        if (listener != null) listener.found(entity, normalized);
    }
}
