package dev.tandem.pii.input;

import dev.tandem.pii.Confidence;
import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import dev.tandem.pii.Finding;
import dev.tandem.pii.detect.ByteClasses;
import dev.tandem.pii.detect.Hits;
import org.jspecify.annotations.Nullable;

/**
 * Turns buffer-relative hits into findings with file offsets and line numbers. Lines are counted
 * incrementally from the last position asked for, so a block's newlines are counted once. The
 * column or key of the value being scanned, when there is one, has the last word on a finding's
 * confidence: under an order, invoice, tracking or product-code field the validated numbers
 * (cards, phones, SSNs, IBANs) are that field's numbers, not personal data, and are dropped;
 * under a field that names the entity the confidence is raised.
 */
final class Forwarder implements Hits {
    interface Listener {
        void found(Entity entity, String normalized);
    }

    private final String file;
    private final Out out;
    private @Nullable Listener listener;
    private FieldContext field = FieldContext.NONE;
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

    /** The column or key of the value whose pieces are scanned next; NONE outside structured values. */
    void field(FieldContext fc) {
        this.field = fc;
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
    public void hit(
            Entity entity,
            int start,
            int end,
            String value,
            String normalized,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        double c = confidence;
        Doubt d = doubt;
        if (field != FieldContext.NONE) {
            boolean numeric = entity == Entity.CREDIT_CARD
                    || entity == Entity.PHONE_NUMBER
                    || entity == Entity.US_SSN
                    || entity == Entity.IBAN_CODE;
            if (numeric && field == FieldContext.COMMERCE) return;
            if (field.names(entity)) {
                c = Confidence.NAMED;
                d = null;
            }
        }
        emit(entity, offset(start), offset(end), lineAt(start), value, normalized, jurisdiction, c, d);
    }

    void emit(
            Entity entity,
            long start,
            long end,
            long atLine,
            String value,
            String normalized,
            @Nullable String jurisdiction) {
        emit(entity, start, end, atLine, value, normalized, jurisdiction, Confidence.base(entity), null);
    }

    void emit(
            Entity entity,
            long start,
            long end,
            long atLine,
            String value,
            String normalized,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        out.finding(new Finding(file, start, end, atLine, entity, value, normalized, jurisdiction, confidence, doubt));
        // a doubted number is not the record's identity: its person may be no person at all
        if (listener != null && doubt == null) listener.found(entity, normalized);
    }
}
