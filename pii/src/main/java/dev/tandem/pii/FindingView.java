package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.tandem.pii.scope.DistinctHashes;
import org.jspecify.annotations.Nullable;

/**
 * One detection as the scanning thread holds it, for sinks that format and count findings there
 * ({@link ScanSink#found}): the fields of a {@link Finding}, with the value and its normalized form
 * either as strings or as bytes read as ISO-8859-1 (one char a byte) in the scanned buffer or in
 * the candidate scanner's scratch, so that a value that is only masked, hashed and written needs
 * neither a {@code Finding} nor a string.
 *
 * <p>Mutable and reused from finding to finding: a view is valid only during the call that
 * receives it. A sink keeps nothing of it but what it copies out ({@link #toFinding()}, the
 * strings of {@link #value()} and {@link #normalized()}, its masked text or hash). Not thread-safe.
 */
public final class FindingView {
    private static final byte[] NONE = new byte[0];

    private String file = "";
    private long start;
    private long end;
    private long line;
    private Entity entity = Entity.EMAIL_ADDRESS;
    private @Nullable String jurisdiction;
    private double confidence;
    private @Nullable Doubt doubt;
    private boolean inRecord;

    /** The value: {@code value}, or when it is null {@code valueBytes[valueFrom, valueTo)} as ISO-8859-1. */
    private @Nullable String value;

    private byte[] valueBytes = NONE;
    private int valueFrom;
    private int valueTo;

    /** The normalized form, the same way. */
    private @Nullable String normalized;

    private byte[] normalizedBytes = NONE;
    private int normalizedFrom;
    private int normalizedTo;

    /** Sets every field but the value and its normalized form; returns this view. */
    public FindingView set(
            String file,
            long start,
            long end,
            long line,
            Entity entity,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        this.file = file;
        this.start = start;
        this.end = end;
        this.line = line;
        this.entity = entity;
        this.jurisdiction = jurisdiction;
        this.confidence = confidence;
        this.doubt = doubt;
        this.inRecord = false;
        return this;
    }

    /** Whether the finding is one of its record's identifiers ({@link Finding#inRecord()}); returns this view. */
    public FindingView inRecord(boolean inRecord) {
        this.inRecord = inRecord;
        return this;
    }

    public boolean inRecord() {
        return inRecord;
    }

    /** The value is {@code value}; returns this view. */
    public FindingView value(String value) {
        this.value = value;
        this.valueBytes = NONE;
        return this;
    }

    /**
     * The value is {@code b[from, to)} read as ISO-8859-1, bytes that stay as they are until the
     * call that receives this view returns; returns this view.
     */
    public FindingView value(byte[] b, int from, int to) {
        this.value = null;
        this.valueBytes = b;
        this.valueFrom = from;
        this.valueTo = to;
        return this;
    }

    /** The normalized form is {@code normalized}; returns this view. */
    public FindingView normalized(String normalized) {
        this.normalized = normalized;
        this.normalizedBytes = NONE;
        return this;
    }

    /** The normalized form is {@code b[from, to)} read as ISO-8859-1, as {@link #value(byte[], int, int)}; returns this view. */
    public FindingView normalized(byte[] b, int from, int to) {
        this.normalized = null;
        this.normalizedBytes = b;
        this.normalizedFrom = from;
        this.normalizedTo = to;
        return this;
    }

    /** This view holds {@code f}; returns this view. */
    public FindingView of(Finding f) {
        return set(f.file(), f.start(), f.end(), f.line(), f.entity(), f.jurisdiction(), f.confidence(), f.doubt())
                .inRecord(f.inRecord())
                .value(f.value())
                .normalized(f.normalized());
    }

    public String file() {
        return file;
    }

    public long start() {
        return start;
    }

    public long end() {
        return end;
    }

    public long line() {
        return line;
    }

    public Entity entity() {
        return entity;
    }

    public @Nullable String jurisdiction() {
        return jurisdiction;
    }

    public double confidence() {
        return confidence;
    }

    public @Nullable Doubt doubt() {
        return doubt;
    }

    /** The value as a string (made when it is bytes, once per finding). */
    public String value() {
        String v = value;
        if (v == null) v = value = new String(valueBytes, valueFrom, valueTo - valueFrom, ISO_8859_1);
        return v;
    }

    /** The normalized form as a string (made when it is bytes, once per finding). */
    public String normalized() {
        String n = normalized;
        if (n == null)
            n = normalized = new String(normalizedBytes, normalizedFrom, normalizedTo - normalizedFrom, ISO_8859_1);
        return n;
    }

    /** Appends {@link #normalized()} to {@code sb}, without the string when the normalized form is bytes. */
    public void appendNormalized(StringBuilder sb) {
        String n = normalized;
        if (n != null) {
            sb.append(n);
        } else {
            for (int i = normalizedFrom; i < normalizedTo; i++) sb.append((char) (normalizedBytes[i] & 0xFF));
        }
    }

    /** {@code DistinctHashes.hash(normalized())}, without the string when the normalized form is bytes. */
    public long normalizedHash() {
        String n = normalized;
        return n != null
                ? DistinctHashes.hash(n)
                : DistinctHashes.hashLatin1(normalizedBytes, normalizedFrom, normalizedTo - normalizedFrom);
    }

    /** Room {@link #mask(char[])} needs: {@link Masking#maxLength} of the value. */
    public int maxMaskedLength() {
        String v = value;
        return (v != null ? v.length() : valueTo - valueFrom) + Masking.EXTRA;
    }

    /**
     * Writes {@code Masking.mask(entity(), value())} into {@code out} (at least
     * {@link #maxMaskedLength()} long) and returns its length, without a string when the value is
     * bytes.
     */
    public int mask(char[] out) {
        String v = value;
        if (v != null) return Masking.mask(entity, v, out);
        return Masking.maskLatin1(entity, valueBytes, valueFrom, valueTo, out);
    }

    /** The finding this view holds, as a record a sink may keep. */
    public Finding toFinding() {
        return new Finding(
                file, start, end, line, entity, value(), normalized(), jurisdiction, confidence, doubt, inRecord);
    }
}
