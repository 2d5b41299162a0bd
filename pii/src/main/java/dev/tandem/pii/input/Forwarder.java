package dev.tandem.pii.input;

import dev.tandem.pii.Confidence;
import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import dev.tandem.pii.FindingView;
import dev.tandem.pii.detect.ByteClasses;
import dev.tandem.pii.detect.Hits;
import org.jspecify.annotations.Nullable;

/**
 * Turns buffer-relative hits into findings with file offsets and line numbers. Lines are counted
 * incrementally from the last position asked for, so a block's newlines are counted once. The
 * column or key of the value being scanned, when there is one, has the last word on a finding's
 * confidence: under an order, invoice, tracking or product-code field the validated numbers
 * (cards, phones, SSNs, IBANs), under a record's identifier its cards and phones, are that field's
 * numbers, not personal data, and are dropped ({@link FieldContext#owns});
 * under a field that names the entity the confidence is raised.
 */
final class Forwarder implements Hits {
    interface Listener {
        /** A finding without doubt; {@code view} is valid during the call only. */
        void found(Entity entity, FindingView view);

        /** Whether the values scanned now are in a record, which takes its findings without doubt as its person's. */
        boolean inRecord();
    }

    private final String file;
    private final Out out;
    private @Nullable Listener listener;
    private FieldContext field = FieldContext.NONE;
    /** Every finding goes out in this view, filled anew each time ({@link Out#found}). */
    private final FindingView view = new FindingView();

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
        FindingView v = taken(entity, start, end, jurisdiction, confidence, doubt);
        if (v == null) return;
        v.value(value).normalized(normalized);
        send();
    }

    @Override
    public void hit(
            Entity entity,
            byte[] buf,
            int start,
            int end,
            @Nullable String normalized,
            byte[] norm,
            int normFrom,
            int normTo,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        FindingView v = taken(entity, start, end, jurisdiction, confidence, doubt);
        if (v == null) return;
        v.value(buf, start, end);
        if (normalized != null) v.normalized(normalized);
        else v.normalized(norm, normFrom, normTo);
        send();
    }

    /**
     * The view set for a hit at {@code buf[start, end)} of the block, its value not yet, with the
     * field's word on it; null when the field drops it.
     */
    private @Nullable FindingView taken(
            Entity entity,
            int start,
            int end,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        if (fieldDrops(entity)) return null;
        // a payment provider's test number stays one under a card column
        boolean named = fieldNames(entity) && doubt != Doubt.TEST_CARD;
        return view.set(
                file,
                offset(start),
                offset(end),
                lineAt(start),
                entity,
                jurisdiction,
                named ? Confidence.NAMED : confidence,
                named ? null : doubt);
    }

    /** Under an order, invoice, tracking or product-code field, or a record's identifier, the numbers it owns ({@link FieldContext#owns}). */
    private boolean fieldDrops(Entity entity) {
        return field.owns(entity);
    }

    /** The field names the entity: its confidence is raised, its doubt gone. */
    private boolean fieldNames(Entity entity) {
        return field != FieldContext.NONE && field.names(entity);
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
        view(entity, start, end, atLine, jurisdiction, confidence, doubt)
                .value(value)
                .normalized(normalized);
        send();
    }

    /** The view for a finding at file offsets {@code [start, end)}, to be given its value and normalized form, then {@link #send() sent}. */
    FindingView view(
            Entity entity,
            long start,
            long end,
            long atLine,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        return view.set(file, start, end, atLine, entity, jurisdiction, confidence, doubt);
    }

    /**
     * The view goes to the sink, then to the record, which makes a string of it only when it keeps
     * one. A doubted number is not the record's: its person may be no person at all.
     */
    void send() {
        Listener l = view.doubt() == null ? listener : null;
        boolean inRecord = l != null && l.inRecord();
        out.found(view.inRecord(inRecord));
        if (l != null) l.found(view.entity(), view);
    }
}
